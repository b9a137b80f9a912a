using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Graph.AspNetCore.Connections;

namespace Graph.AspNetCore.Sse.SingleConnection;

/// <summary>
/// The single-connection event streams reserved on this instance, by token. A token is 32 random
/// bytes: knowing one is what admits a stream, so it cannot be guessed. A reservation lives in this
/// process only, so behind a load balancer the requests about it must reach this instance (sticky
/// routing).
/// </summary>
public sealed class SseReservations
{
    private readonly ConcurrentDictionary<string, SseReservation> _byToken = new(StringComparer.Ordinal);

    /// <summary>How many reservations exist now, opened or not.</summary>
    public int Count => _byToken.Count;

    internal SseReservation Reserve(string? owner, ConnectionLease lease, int maxPendingBytes)
    {
        while (true)
        {
            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var reservation = new SseReservation(this, token, owner, lease, maxPendingBytes);
            if (_byToken.TryAdd(token, reservation))
            {
                return reservation;
            }
        }
    }

    internal SseReservation? Find(string token) => _byToken.GetValueOrDefault(token);

    internal void Forget(SseReservation reservation) => _byToken.TryRemove(new KeyValuePair<string, SseReservation>(reservation.Token, reservation));
}
