using Graph.AspNetCore.PersistedOperations;
using StackExchange.Redis;

namespace Graph.Api.Subscriptions.Redis;

/// <summary>
/// Automatic persisted queries shared by every instance through Redis: a hash registered through
/// one instance runs on all. The instance's own byte-bounded store stands in front, so a known hash
/// costs no round trip; Redis keeps each document for <see cref="Lifetime"/> after its last
/// registration. While Redis is away a lookup is a miss (Apollo's link then sends the document
/// again) and a registration stays local: nothing fails because of it.
/// </summary>
public sealed partial class RedisPersistedQueryStore(IConnectionMultiplexer redis, AutomaticPersistedQueryStore local, ILogger<RedisPersistedQueryStore> logger) : IPersistedQueryStore
{
    /// <summary>How long Redis keeps a registered document.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The Redis key of a document's id.</summary>
    public static string Key(string id) => "graph:apq:" + id;

    public bool TryGet(string id, out string document)
    {
        if (local.TryGet(id, out document))
        {
            return true;
        }

        try
        {
            var value = redis.GetDatabase().StringGet(Key(id));
            if (value.HasValue && value.ToString() is { } text)
            {
                local.Add(id, text);
                document = text;
                return true;
            }
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or RedisConnectionException)
        {
            LogRedisAway(logger, ex);
        }

        document = string.Empty;
        return false;
    }

    public void Add(string id, string document)
    {
        local.Add(id, document);
        try
        {
            redis.GetDatabase().StringSet(Key(id), document, Lifetime, When.Always, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or RedisConnectionException)
        {
            LogRedisAway(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is away: persisted queries are looked up on this instance only")]
    private static partial void LogRedisAway(ILogger logger, Exception exception);
}
