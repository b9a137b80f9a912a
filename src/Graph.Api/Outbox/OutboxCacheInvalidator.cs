using Graph.Api.Catalog;
using Graph.AspNetCore.Caching;

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
public sealed class OutboxCacheInvalidator(ResponseCache cache) : OutboxCommitInterceptor<OutboxCacheInvalidator.Pending>
{
    protected override bool IsActive => cache.IsEnabled;

    protected override void Collect(Pending pending, OutboxMessage message)
    {
        var tags = DomainEvents.Read(message) is { } domainEvent ? CatalogCacheTags.Of(domainEvent) : null;
        if (tags is null)
        {
            pending.Everything = true;
        }
        else
        {
            pending.Tags.UnionWith(tags);
        }
    }

    protected override void Committed(Pending pending)
    {
        if (pending.Everything)
        {
            cache.Clear();
        }
        else if (pending.Tags.Count > 0)
        {
            cache.Invalidate(pending.Tags);
        }
    }

    /// <summary>The tags of the events a change wrote, or everything when an event names none.</summary>
    public sealed class Pending
    {
        public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);

        public bool Everything { get; set; }
    }
}
