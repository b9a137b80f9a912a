using System.Collections.Concurrent;
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
/// A change this instance could not write to Redis leaves the old stamp there, which the other
/// instances would keep trusting for the key's lifetime: the user is remembered (this instance reads
/// that user from the database meanwhile), and the key deleted once Redis answers again — with the
/// next change that reaches it, or when the connection is restored (<see cref="ForgetSharedStampsAsync"/>,
/// which drops every stamp key, since other instances may have failed to write theirs too).
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

    // The users whose change did not reach Redis, each with the number of its failure: a sweep forgets
    // only the failures it has seen, not one that happened while it ran.
    private readonly ConcurrentDictionary<int, long> _uncleared = new();
    private long _failures;

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

        // Redis may still hold the old stamp of a user whose change this instance could not write there.
        var shared = _redis is not null && !_uncleared.ContainsKey(userId);
        var stamp = shared ? await ReadRedisAsync(userId) : null;
        if (stamp is null)
        {
            await using var db = await _db.CreateDbContextAsync(cancellationToken);
            stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
            if (stamp is not null && shared)
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
        if (_redis is null)
        {
            return;
        }

        if (!await WriteRedisAsync(userId, newStamp, When.Always))
        {
            _uncleared[userId] = Interlocked.Increment(ref _failures);
            LogUncleared(_logger, userId);
        }
        else if (!_uncleared.IsEmpty)
        {
            // Redis answers again (a failure that was a timeout brings no "restored" event).
            await DeleteUnclearedAsync();
        }
    }

    /// <summary>
    /// Drops every stamp key of this application from Redis (SCAN and DEL on the key prefix), then
    /// forgets the users whose change had not reached it. Called when this instance's connection to
    /// Redis is restored: while it was away, this instance or any other may have changed stamps that
    /// Redis (kept through a restart, or still up behind a network split) does not know of. The keys
    /// are only a cache, refilled from the database by the next reads. A generation prefix bumped
    /// here would have to be shared (one more Redis read per lookup) and would leave an instance that
    /// missed the bump reading the old generation; deleting needs nothing shared. A sweep that fails
    /// keeps the remembered users; the next restore sweeps again.
    /// </summary>
    public async Task ForgetSharedStampsAsync()
    {
        if (_redis is null)
        {
            return;
        }

        var seen = _uncleared.ToArray();
        try
        {
            var db = _redis.GetDatabase();
            long deleted = 0;
            foreach (var server in _redis.GetServers().Where(s => !s.IsReplica))
            {
                var batch = new List<RedisKey>();
                await foreach (var key in server.KeysAsync(db.Database, GlobEscape(_prefix) + "*", pageSize: 500))
                {
                    batch.Add(key);
                    if (batch.Count == 500)
                    {
                        deleted += await db.KeyDeleteAsync([.. batch]);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    deleted += await db.KeyDeleteAsync([.. batch]);
                }
            }

            Forget(seen);
            LogSwept(_logger, deleted);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, ex);
        }
    }

    public void Dispose() => _local.Dispose();

    private async Task DeleteUnclearedAsync()
    {
        var seen = _uncleared.ToArray();
        try
        {
            await _redis!.GetDatabase().KeyDeleteAsync([.. seen.Select(u => Key(u.Key))]);
            Forget(seen);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, ex);
        }
    }

    private void Forget(KeyValuePair<int, long>[] seen)
    {
        foreach (var failure in seen)
        {
            _uncleared.TryRemove(failure);
        }
    }

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
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, ex);
            return null;
        }
    }

    /// <summary>Whether Redis took the command (a conditional write that found the key counts as taken).</summary>
    private async Task<bool> WriteRedisAsync(int userId, string stamp, When when)
    {
        if (_redis is not { IsConnected: true })
        {
            return false;
        }

        try
        {
            await _redis.GetDatabase().StringSetAsync(Key(userId), stamp, RedisLifetime, when);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, ex);
            return false;
        }
    }

    private RedisKey Key(int userId) => _prefix + userId.ToString(CultureInfo.InvariantCulture);

    // The prefix is configuration: its glob characters are matched literally.
    private static string GlobEscape(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));

    private sealed record Entry(string? Stamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer for a security stamp; this instance reads the database until it is back")]
    private static partial void LogRedisAway(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The new security stamp of user {UserId} did not reach Redis; its key is deleted when Redis is back")]
    private static partial void LogUncleared(ILogger logger, int userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: {Count} shared security stamps dropped, the next reads refill them from the database")]
    private static partial void LogSwept(ILogger logger, long count);
}
