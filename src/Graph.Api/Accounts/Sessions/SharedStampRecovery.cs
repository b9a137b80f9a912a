using StackExchange.Redis;

namespace Graph.Api.Accounts.Sessions;

/// <summary>
/// With the Redis backplane: each time this instance's connection to Redis is restored, the shared
/// security stamps are dropped (<see cref="SecurityStampCache.ForgetSharedStampsAsync"/>), so that no
/// instance trusts a stamp that changed while Redis could not be told. A hosted service, not the
/// cache itself, so that it listens from start-up, before any request has created the cache.
/// </summary>
public sealed class SharedStampRecovery(SecurityStampCache stamps, IConnectionMultiplexer? redis = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            // The subscription connection's restore changes nothing for keys: the interactive one's does.
            redis.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Interactive)
                {
                    _ = stamps.ForgetSharedStampsAsync();
                }
            };
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
