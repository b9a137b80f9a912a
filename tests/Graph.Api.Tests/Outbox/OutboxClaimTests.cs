using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Graph.Api.Tests.Outbox;

/// <summary>
/// The outbox shared by several dispatchers (one per instance): claims never overlap, a dead
/// dispatcher's claims go to another once their lease ran out, only the claimant marks a row sent,
/// and sent rows past their retention are deleted. Run on each provider.
/// </summary>
public abstract class OutboxClaimTests(DatabaseProvider provider) : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // No dispatcher of the application's own: the stores under test are the only claimants.
    private readonly ShopApiFactory _factory = new(provider)
    {
        TestServices = services => services.RemoveAll<IHostedService>(),
    };

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Two_dispatchers_claiming_at_once_never_take_the_same_row()
    {
        var ids = await AddRowsAsync(300);
        var (first, second) = (NewStore(), NewStore());

        var claims = await Task.WhenAll(ClaimAllAsync(first), ClaimAllAsync(second));

        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(ids, claims[0].Concat(claims[1]).Order());
        await using var db = Db();
        Assert.Equal(300, await db.OutboxMessages.CountAsync(m => m.SentAt != null));
    }

    [Fact]
    public async Task Rows_claimed_by_a_dispatcher_that_died_go_to_another_after_the_lease()
    {
        var ids = await AddRowsAsync(5);
        var dead = NewStore();
        Assert.Equal(ids, (await dead.ClaimAsync(10, Lease, default)).Select(m => m.Id));

        var now = NewStore();
        Assert.Empty(await now.ClaimAsync(10, Lease, default));

        var later = NewStore(new ShiftedTime(Lease + TimeSpan.FromSeconds(1)));
        var taken = await later.ClaimAsync(10, Lease, default);
        Assert.Equal(ids, taken.Select(m => m.Id));

        // The dead one, were it to come back, no longer owns them: only the new claimant marks them sent.
        await dead.MarkSentAsync(ids, default);
        await using (var db = Db())
        {
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt != null));
        }

        await later.MarkSentAsync(ids, default);
        await using var check = Db();
        Assert.Equal(5, await check.OutboxMessages.CountAsync(m => m.SentAt != null));
    }

    [Fact]
    public async Task Released_rows_can_be_claimed_again_at_once()
    {
        var ids = await AddRowsAsync(3);
        var store = NewStore();
        await store.ClaimAsync(10, Lease, default);

        await store.ReleaseAsync(ids, default);

        Assert.Equal(ids, (await NewStore().ClaimAsync(10, Lease, default)).Select(m => m.Id));
    }

    [Fact]
    public async Task Sent_rows_past_their_retention_are_deleted_and_pending_ones_kept()
    {
        var ids = await AddRowsAsync(4);
        var store = NewStore();
        await store.ClaimAsync(2, Lease, default);
        await store.MarkSentAsync(ids[..2], default);

        var deleted = await store.PruneAsync(DateTime.UtcNow.AddSeconds(1), default);

        Assert.Equal(2, deleted);
        await using var db = Db();
        Assert.Equal(ids[2..], await db.OutboxMessages.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
    }

    private OutboxStore NewStore(TimeProvider? time = null) =>
        new(_factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>(), time ?? TimeProvider.System);

    private ShopDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();

    private async Task<long[]> AddRowsAsync(int count)
    {
        await using var db = Db();
        await db.OutboxMessages.ExecuteDeleteAsync();
        for (var i = 0; i < count; i++)
        {
            db.AddEvent(new ProductStockChanged(1, i), DateTime.UtcNow);
        }

        await db.SaveChangesAsync();
        return await db.OutboxMessages.OrderBy(m => m.Id).Select(m => m.Id).ToArrayAsync();
    }

    // Claims small batches until none is left, marking each sent, as a dispatcher does.
    private static async Task<List<long>> ClaimAllAsync(OutboxStore store)
    {
        var claimed = new List<long>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var batch = await store.ClaimAsync(7, Lease, default);
            if (batch.Count == 0)
            {
                return claimed;
            }

            claimed.AddRange(batch.Select(m => m.Id));
            await store.MarkSentAsync([.. batch.Select(m => m.Id)], default);
        }

        throw new TimeoutException("The outbox was not drained in time.");
    }

    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }

    public sealed class OnSqlite() : OutboxClaimTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : OutboxClaimTests(DatabaseProvider.Postgres);
}
