namespace Graph.AspNetCore.Connections;

/// <summary>
/// The bytes handed to one connection's transport and not yet written out: each message is added
/// before it queues for the send and removed once the send is over. A client that stops reading makes
/// sends hang and this grow; past the limit (<see cref="GraphQLLimitsOptions.MaxPendingBytesPerConnection"/>)
/// the message is refused and the connection must end, so what one connection holds stays bounded.
/// </summary>
/// <remarks>
/// A message that finds nothing pending is always let through, whatever its size (results are
/// bounded by <see cref="GraphQLLimitsOptions.MaxResponseSize"/>): a client that reads is never
/// dropped for one large result, only for results piling up behind one that does not go out.
/// </remarks>
internal sealed class PendingBytes(int limit)
{
    private long _pending;

    /// <summary>Adds a message's bytes; false (nothing added) when they would pass the limit.</summary>
    public bool TryAdd(int bytes)
    {
        var after = Interlocked.Add(ref _pending, bytes);
        if (limit <= 0 || after == bytes || after <= limit)
        {
            return true;
        }

        Interlocked.Add(ref _pending, -bytes);
        return false;
    }

    /// <summary>Removes a message's bytes once its send is over, sent or not.</summary>
    public void Remove(int bytes) => Interlocked.Add(ref _pending, -bytes);
}
