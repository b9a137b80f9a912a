using System.Runtime.CompilerServices;
using Graph.Api.Catalog;
using Graph.AspNetCore.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Outbox;

/// <summary>
/// Drops the cached results a change makes stale the moment it commits, on this instance, before
/// the mutation's response is sent (read-your-writes): the outbox rows a save writes are the change's
/// events, and each names its tags (<see cref="CatalogCacheTags"/>). Other instances hear of the
/// events from the Redis backplane (<see cref="Subscriptions.Redis.RedisCacheInvalidation"/>).
/// </summary>
/// <remarks>
/// Invalidated after the commit, never before: a result computed between an early invalidation and
/// the commit would have read the old data and be stored as current. A rolled-back change never
/// commits, so it invalidates nothing.
/// </remarks>
public sealed class OutboxCacheInvalidator(ResponseCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // The tags of events saved inside a transaction not committed yet, per context.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContext? context)
    {
        if (context is null || !cache.IsEnabled)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            var pending = _pending.GetOrCreateValue(context);
            var tags = DomainEvents.Read(entry.Entity) is { } domainEvent ? CatalogCacheTags.Of(domainEvent) : null;
            if (tags is null)
            {
                pending.Everything = true;
            }
            else
            {
                pending.Tags.UnionWith(tags);
            }
        }
    }

    private void Saved(DbContext? context)
    {
        // Without an explicit transaction, SaveChanges has committed by now.
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        if (pending.Everything)
        {
            cache.Clear();
        }
        else if (pending.Tags.Count > 0)
        {
            cache.Invalidate(pending.Tags);
        }
    }

    private void Discard(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private sealed class Pending
    {
        public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);

        public bool Everything { get; set; }
    }
}
