namespace Graph.Api.Subscriptions.Redis;

/// <summary>
/// The last N outbox ids an instance has handed to its subscribers. An event is published twice
/// only when its dispatcher lost its claim (crashed, or its lease ran out) after publishing and
/// before marking the row sent; the second copy arrives within a lease, long before N newer ids.
/// </summary>
internal sealed class RecentOutboxIds(int capacity)
{
    private readonly HashSet<long> _ids = new(capacity);
    private readonly Queue<long> _order = new(capacity);
    private readonly Lock _gate = new();

    /// <summary>True for an id not seen among the last <c>capacity</c>; it is remembered.</summary>
    public bool TryAdd(long id)
    {
        lock (_gate)
        {
            if (!_ids.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
