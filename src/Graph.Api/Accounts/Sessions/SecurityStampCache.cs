using System.Globalization;
using Graph.Api.Data;
using Graph.Api.Subscriptions.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Graph.Api.Accounts.Sessions;

/// <summary>
/// The current security stamp of each user, as authenticated requests need it: from this instance's
/// memory for <see cref="AuthOptions.SecurityStampCacheDuration"/> (so a busy user costs one lookup
/// every few seconds, not one per request), else from Redis when the backplane is configured (shared
/// by every instance), else from the database. A user that does not exist is remembered as null.
/// </summary>
/// <remarks>
/// A change writes the new stamp to Redis (overwriting) after it has committed; a reader fills a
/// missing Redis key only if it is still missing, so a reader that read the old stamp just before the
/// commit cannot put it back over the new one. Without Redis, or while it is away, every instance
/// re-reads the database when its entry expires: revocation still takes effect within the window.
/// </remarks>
public sealed partial class SecurityStampCache : IDisposable
{
    private static readonly TimeSpan RedisLifetime = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _local = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly IDbContextFactory<ShopDbContext> _db;
    private readonly IConnectionMultiplexer? _redis;
    private readonly string _prefix;
    private readonly TimeSpan _duration;
    private readonly ILogger<SecurityStampCache> _logger;

    public SecurityStampCache(
        IDbContextFactory<ShopDbContext> db,
        IOptions<AuthOptions> options,
        IOptions<RedisBackplaneOptions> redisOptions,
        ILogger<SecurityStampCache> logger,
        IConnectionMultiplexer? redis = null)
    {
        _db = db;
        _redis = redis;
        _prefix = redisOptions.Value.RedisPrefix + "stamp:";
        _duration = options.Value.SecurityStampCacheDuration;
        _logger = logger;
    }

    /// <summary>The user's current stamp, or null when there is no such user.</summary>
    public async ValueTask<string?> GetAsync(int userId, CancellationToken cancellationToken)
    {
        if (_local.TryGetValue(userId, out Entry? cached))
        {
            return cached!.Stamp;
        }

        var stamp = await ReadRedisAsync(userId);
        if (stamp is null)
        {
            await using var db = await _db.CreateDbContextAsync(cancellationToken);
            stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
            if (stamp is not null)
            {
                await WriteRedisAsync(userId, stamp, When.NotExists);
            }
        }

        _local.Set(userId, new Entry(stamp), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _duration });
        return stamp;
    }

    /// <summary>The user's stamp changed (committed): this instance forgets the old one, and Redis gets the new one.</summary>
    public async Task ChangedAsync(int userId, string newStamp)
    {
        _local.Remove(userId);
        await WriteRedisAsync(userId, newStamp, When.Always);
    }

    public void Dispose() => _local.Dispose();

    private async Task<string?> ReadRedisAsync(int userId)
    {
        if (_redis is not { IsConnected: true })
        {
            return null;
        }

        try
        {
            var value = await _redis.GetDatabase().StringGetAsync(Key(userId));
            return value.HasValue ? value.ToString() : null;
        }
        catch (RedisException ex)
        {
            LogRedisAway(_logger, ex);
            return null;
        }
    }

    private async Task WriteRedisAsync(int userId, string stamp, When when)
    {
        if (_redis is not { IsConnected: true })
        {
            return;
        }

        try
        {
            await _redis.GetDatabase().StringSetAsync(Key(userId), stamp, RedisLifetime, when);
        }
        catch (RedisException ex)
        {
            LogRedisAway(_logger, ex);
        }
    }

    private RedisKey Key(int userId) => _prefix + userId.ToString(CultureInfo.InvariantCulture);

    private sealed record Entry(string? Stamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer for a security stamp; this instance reads the database until it is back")]
    private static partial void LogRedisAway(ILogger logger, Exception exception);
}
