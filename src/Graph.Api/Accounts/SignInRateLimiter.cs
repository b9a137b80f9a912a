using System.Globalization;
using System.Threading.RateLimiting;
using Graph.Api.Subscriptions.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Graph.Api.Accounts;

/// <summary>
/// Limits <c>logIn</c> and <c>signUp</c> per client address (a fixed window per minute), so that
/// passwords cannot be guessed at speed. With the Redis backplane configured the window is counted
/// in Redis, across every instance (a client balanced over N instances does not get N× the
/// attempts); otherwise, and while Redis is away, by System.Threading.RateLimiting in this process.
/// </summary>
public sealed partial class SignInRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly IConnectionMultiplexer? _redis;
    private readonly string _prefix;
    private readonly int _permits;
    private readonly TimeProvider _time;
    private readonly ILogger<SignInRateLimiter> _logger;

    public SignInRateLimiter(
        IOptions<AuthOptions> options,
        IOptions<RedisBackplaneOptions> redisOptions,
        TimeProvider time,
        ILogger<SignInRateLimiter> logger,
        IConnectionMultiplexer? redis = null)
    {
        _permits = options.Value.SignInAttemptsPerMinute;
        _redis = redis;
        _prefix = redisOptions.Value.RedisPrefix + "signin:";
        _time = time;
        _logger = logger;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Takes one attempt for the address; false when its window is used up.</summary>
    public async ValueTask<bool> TryAcquireAsync(string clientAddress)
    {
        if (_redis is { IsConnected: true })
        {
            try
            {
                // One counter per address and minute, shared by the instances; it expires with its window.
                var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
                var key = _prefix + clientAddress + ":" + minute.ToString(CultureInfo.InvariantCulture);
                var db = _redis.GetDatabase();
                var count = await db.StringIncrementAsync(key);
                if (count == 1)
                {
                    await db.KeyExpireAsync(key, TimeSpan.FromMinutes(2), flags: CommandFlags.FireAndForget);
                }

                return count <= _permits;
            }
            catch (RedisException ex)
            {
                LogRedisAway(_logger, ex);
            }
        }

        using var lease = _limiter.AttemptAcquire(clientAddress);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not count a sign-in attempt; this instance counts it alone until Redis is back")]
    private static partial void LogRedisAway(ILogger logger, Exception exception);
}
