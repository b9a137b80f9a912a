using Graph.Api.Data;
using Graph.Api.Subscriptions.Redis;
using StackExchange.Redis;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Two instances of the shop (two applications in this process) on one PostgreSQL database and one
/// real Redis server, and a connection of the test's own to that Redis (the probe): what the tests
/// of sharing through Redis start from. A is started (and the database migrated) before B.
/// </summary>
public sealed class TwoInstancesOnRedis : IAsyncDisposable
{
    private TwoInstancesOnRedis(RedisServer redis, ShopApiFactory a, ShopApiFactory b, ConnectionMultiplexer probe)
    {
        Redis = redis;
        A = a;
        B = b;
        Probe = probe;
    }

    public RedisServer Redis { get; }

    public ShopApiFactory A { get; }

    public ShopApiFactory B { get; }

    /// <summary>The test's own connection to Redis, to read what the instances wrote there.</summary>
    public ConnectionMultiplexer Probe { get; }

    /// <param name="settings">Settings both instances get, beside the Redis connection.</param>
    /// <param name="adminProbe">Whether the probe may send admin commands (SAVE).</param>
    public static async Task<TwoInstancesOnRedis> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool adminProbe = false)
    {
        var redis = await RedisServer.StartAsync();
        var a = new ShopApiFactory(DatabaseProvider.Postgres) { Settings = { ["Subscriptions:Redis"] = redis.ConnectionString } };
        var b = new ShopApiFactory(DatabaseProvider.Postgres)
        {
            Settings = { ["Subscriptions:Redis"] = redis.ConnectionString, ["ConnectionStrings:Shop"] = a.ConnectionString },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            a.Settings[key] = value;
            b.Settings[key] = value;
        }

        a.CreateClient().Dispose();
        var probeOptions = RedisServiceCollectionExtensions.Options(redis.ConnectionString);
        probeOptions.AllowAdmin = adminProbe;
        return new TwoInstancesOnRedis(redis, a, b, await ConnectionMultiplexer.ConnectAsync(probeOptions));
    }

    public async ValueTask DisposeAsync()
    {
        await Probe.DisposeAsync();
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
