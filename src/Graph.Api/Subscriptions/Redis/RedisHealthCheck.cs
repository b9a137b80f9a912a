using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Graph.Api.Subscriptions.Redis;

/// <summary>
/// Readiness of the backplane: Degraded, not Unhealthy, while Redis is away, since checkout and every
/// mutation still work (their events wait in the outbox); a load balancer keeps sending traffic.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis is away: live events wait in the outbox until it returns.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: live events wait in the outbox until it does.", ex);
        }
    }
}
