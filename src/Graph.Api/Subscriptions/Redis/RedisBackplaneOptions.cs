namespace Graph.Api.Subscriptions.Redis;

/// <summary>The Redis settings of the <c>Subscriptions</c> configuration section.</summary>
public sealed class RedisBackplaneOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>The StackExchange.Redis connection string (<c>host:port,password=…</c>); unset: no backplane.</summary>
    public string? Redis { get; set; }

    /// <summary>What every key and channel this application uses starts with, so that deployments may share one Redis.</summary>
    public string RedisPrefix { get; set; } = "graph:";

    /// <summary>
    /// After Redis comes back, how long an instance waits before it publishes again, so that the
    /// other instances (reconnecting every 500 ms) have restored their subscriptions: an event
    /// published before they have is not delivered to them.
    /// </summary>
    public TimeSpan ResubscribeGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many recent outbox ids each instance remembers to drop repeats.</summary>
    public int RecentIds { get; set; } = 65_536;
}
