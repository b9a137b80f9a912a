namespace Graph.AspNetCore.Connections;

/// <summary>A connection's slot in a <see cref="ConnectionLimiter"/>; disposing it (once or more) gives the slot back.</summary>
public sealed class ConnectionLease : IDisposable
{
    private readonly ConnectionLimiter _limiter;
    private readonly string _client;
    private readonly string? _user;
    private int _released;

    internal ConnectionLease(ConnectionLimiter limiter, string client, string? user)
    {
        _limiter = limiter;
        _client = client;
        _user = user;
    }

    /// <summary>Gives the slot back; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _limiter.Release(_client, _user);
        }
    }
}
