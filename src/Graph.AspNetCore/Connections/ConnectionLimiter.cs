namespace Graph.AspNetCore.Connections;

/// <summary>
/// Counts the open connections of one kind (WebSockets, or SSE streams) against three limits: all of
/// them on this instance, those of one client address, and those of one signed-in user. A slot is
/// taken before the connection starts and given back when its <see cref="ConnectionLease"/> is
/// disposed, however the connection ends. A limit of zero is off.
/// </summary>
/// <remarks>
/// One lock guards the counts: connections open and close far less often than requests arrive, and
/// the three limits must be checked and taken together, so a refused connection never holds a slot.
/// </remarks>
public sealed class ConnectionLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly int _max;
    private readonly int _maxPerClient;
    private readonly int _maxPerUser;
    private int _count;

    /// <summary>Creates a limiter; each limit is off when zero.</summary>
    public ConnectionLimiter(int max, int maxPerClient, int maxPerUser)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerClient);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerUser);
        _max = max;
        _maxPerClient = maxPerClient;
        _maxPerUser = maxPerUser;
    }

    /// <summary>How many connections hold a slot now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>How many connections <paramref name="client"/> holds now.</summary>
    public int CountOf(string client)
    {
        lock (_gate)
        {
            return _perClient.GetValueOrDefault(client);
        }
    }

    /// <summary>
    /// Takes a slot for a connection of <paramref name="client"/> (and of <paramref name="user"/>,
    /// when signed in); null with the limit that refused it when one is reached.
    /// </summary>
    public ConnectionLease? TryAcquire(string client, string? user, out ConnectionRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            refusal = _max > 0 && _count >= _max ? ConnectionRefusal.Instance
                : _maxPerClient > 0 && _perClient.GetValueOrDefault(client) >= _maxPerClient ? ConnectionRefusal.Client
                : user is not null && _maxPerUser > 0 && _perUser.GetValueOrDefault(user) >= _maxPerUser ? ConnectionRefusal.User
                : ConnectionRefusal.None;
            if (refusal != ConnectionRefusal.None)
            {
                return null;
            }

            _count++;
            Increment(_perClient, client);
            if (user is not null)
            {
                Increment(_perUser, user);
            }
        }

        return new ConnectionLease(this, client, user);
    }

    internal void Release(string client, string? user)
    {
        lock (_gate)
        {
            _count--;
            Decrement(_perClient, client);
            if (user is not null)
            {
                Decrement(_perUser, user);
            }
        }
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    // A key whose count falls to zero leaves, so the maps hold only clients connected now.
    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        var left = counts.GetValueOrDefault(key) - 1;
        if (left > 0)
        {
            counts[key] = left;
        }
        else
        {
            counts.Remove(key);
        }
    }
}
