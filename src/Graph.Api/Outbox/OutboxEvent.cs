using System.Collections.Concurrent;

namespace Graph.Api.Outbox;

/// <summary>
/// A committed domain event as the bus carries it: its outbox row's id (so a consumer can tell a
/// redelivery after a crash from a new event), the event and when it happened.
/// </summary>
public sealed class OutboxEvent(long outboxId, IDomainEvent domainEvent, DateTime occurredAt)
{
    // One read per event per instance: the in-memory bus hands this same object to every local subscriber.
    private readonly ConcurrentDictionary<string, Task<object?>> _snapshots = new(StringComparer.Ordinal);

    public long OutboxId { get; } = outboxId;

    public IDomainEvent Event { get; } = domainEvent;

    public DateTime OccurredAt { get; } = occurredAt;

    /// <summary>
    /// The entity the event is about, read once for all of its subscribers (a snapshot taken after
    /// the commit that raised it) rather than once per subscriber. Only the root object is shared:
    /// each subscriber's execution still runs in its own DI scope, with its own data loaders and
    /// its own authorization.
    /// </summary>
    public async Task<T?> SnapshotAsync<T>(string key, Func<Task<T?>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return (T?)await _snapshots.GetOrAdd(key, static (_, r) => ReadAsync(r), read);

        static async Task<object?> ReadAsync(Func<Task<T?>> r) => await r();
    }
}
