using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Outbox;

/// <summary>
/// The outbox rows as several dispatchers (one per instance) share them. A dispatcher claims a batch
/// for a lease: on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so two dispatchers reading at the
/// same moment take different rows, and a claim is a column, so a row claimed by a dispatcher that
/// died goes to another once the lease has run out. Rows are marked sent only by their claimant.
/// </summary>
public sealed class OutboxStore(IDbContextFactory<ShopDbContext> factory, TimeProvider time)
{
    /// <summary>This dispatcher's name in <see cref="OutboxMessage.ClaimedBy"/>: host, process and a random part.</summary>
    public string Owner { get; } = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", 100);

    /// <summary>Claims up to <paramref name="batchSize"/> unsent rows that no live claim holds, in id order.</summary>
    public async Task<List<OutboxMessage>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        List<long> ids;
        if (db.Database.IsNpgsql())
        {
            // Rows another dispatcher is claiming right now are skipped, not waited for.
            ids = await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM "OutboxMessages"
                WHERE "SentAt" IS NULL AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "Id" LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // SQLite: one process per file, and the write transaction is exclusive.
            ids = await db.OutboxMessages
                .Where(m => m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Take(batchSize).Select(m => m.Id)
                .ToListAsync(cancellationToken);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var until = now + lease;
        await db.OutboxMessages.Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, Owner).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Marks rows sent, unless another dispatcher has claimed them since (this one's lease ran out):
    /// then that one publishes them again and subscribers drop the repeat by its outbox id.
    /// </summary>
    public async Task MarkSentAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == Owner && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>Gives back claimed rows not published (the bus failed), so that any dispatcher may take them at once.</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == Owner && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>Deletes rows sent before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTime before, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
