using Graph.Api.Catalog;
using Graph.AspNetCore.Caching;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Graph.Api.Subscriptions.Redis;

/// <summary>
/// Carries the response cache's invalidations between instances: every instance listens to every
/// event channel of the backplane (one pattern subscription) and drops the results each event
/// makes stale (<see cref="CatalogCacheTags"/>), as the committing instance did at its commit. Events
/// arrive as fast as subscriptions' do. While Redis is away this instance may miss invalidations, so
/// its cache is cleared and suspended until the connection is back (then cleared again): it serves
/// nothing rather than something stale.
/// </summary>
public sealed partial class RedisCacheInvalidation(
    IConnectionMultiplexer redis,
    ResponseCache cache,
    IOptions<RedisBackplaneOptions> options,
    ILogger<RedisCacheInvalidation> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private bool _suspended;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!cache.IsEnabled)
        {
            return;
        }

        redis.ConnectionFailed += (_, _) => Suspend();
        redis.ConnectionRestored += (_, _) => _ = ResumeAfterGraceAsync();
        if (!redis.IsConnected)
        {
            Suspend();
        }

        try
        {
            // Restored by the multiplexer after a reconnect, like the topics' subscriptions.
            var pattern = RedisChannel.Pattern(options.Value.RedisPrefix + "events:*");
            await redis.GetSubscriber().SubscribeAsync(pattern, (_, value) => Receive(value)).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away at start-up: the cache stays suspended until the connection is restored.
            LogSubscribeFailed(logger, ex);
            Suspend();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Receive(RedisValue value)
    {
        var tags = OutboxEventWire.Read(value.ToString()) is { } outboxEvent ? CatalogCacheTags.Of(outboxEvent.Event) : null;
        if (tags is null)
        {
            cache.Clear(); // an event this version cannot read: what it changed is unknown
        }
        else if (tags.Count > 0)
        {
            cache.Invalidate(tags);
        }
    }

    private void Suspend()
    {
        lock (_gate)
        {
            if (_suspended)
            {
                cache.Clear();
                return;
            }

            _suspended = true;
            cache.Suspend();
        }

        LogSuspended(logger);
    }

    // The multiplexer resubscribes after it reconnects: an event published before that would be
    // missed, so the cache waits the backplane's grace before it trusts its invalidations again.
    private async Task ResumeAfterGraceAsync()
    {
        await Task.Delay(options.Value.ResubscribeGrace);
        lock (_gate)
        {
            if (!_suspended || !redis.IsConnected)
            {
                return;
            }

            _suspended = false;
            cache.Resume();
        }

        LogResumed(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is away: the response cache is cleared and serves nothing until it is back")]
    private static partial void LogSuspended(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: the response cache starts again, empty")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the backplane's events for the response cache failed")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
