using System.Globalization;
using System.Net.Http.Headers;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// Two instances (two applications in this process) on one PostgreSQL database and one real Redis:
/// a token revoked on one is refused by the other within the stamp cache's window because Redis told
/// it, and a revocation made while Redis was away is not undone by the stamp Redis kept.
/// </summary>
public sealed class RedisStampSharingTests : IAsyncLifetime
{
    private const string LogOutEverywhere = "mutation { logOutEverywhere { revokedAt } }";
    private const string Me = "{ me { email } }";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    // The window, and what a loaded test machine adds to a few requests.
    private static readonly TimeSpan WithinTheWindow = Window + TimeSpan.FromSeconds(3);

    private TwoInstancesOnRedis _instances = null!;

    private ShopApiFactory A => _instances.A;

    private ShopApiFactory B => _instances.B;

    private RedisServer Redis => _instances.Redis;

    private ConnectionMultiplexer Probe => _instances.Probe;

    public async Task InitializeAsync() => _instances = await TwoInstancesOnRedis.StartAsync(new Dictionary<string, string?> { ["Auth:SecurityStampCacheDuration"] = Window.ToString("c", CultureInfo.InvariantCulture) }, adminProbe: true);

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task A_token_revoked_on_one_instance_is_refused_by_the_other_within_the_window_through_redis()
    {
        var (onA, onB) = await SignedInOnBothAsync();
        var key = await StampKeyAsync();
        var tokenStamp = (string?)await Probe.GetDatabase().StringGetAsync(key);
        Assert.NotNull(tokenStamp); // filled by the first lookup

        (await onA.PostAsync(LogOutEverywhere)).AssertNoErrors();
        var newStamp = await StampInDatabaseAsync();
        Assert.NotEqual(tokenStamp, newStamp);
        Assert.Equal(newStamp, (string?)await Probe.GetDatabase().StringGetAsync(key)); // A told Redis at once
        Assert.Null((await onA.PostAsync(Me)).Data!["me"]);

        // The database goes back to the token's stamp: B, reading it, would accept the token again.
        // Only the stamp in Redis can make B refuse it now, once B's own entry (the window) expires.
        await SetStampInDatabaseAsync(tokenStamp);
        await Eventually.WaitUntilAsync(async () => (await onB.PostAsync(Me)).Data!["me"] is null, "instance B refuses the revoked token", WithinTheWindow);
    }

    [Fact]
    public async Task A_token_revoked_while_redis_was_away_is_refused_by_the_other_instance_once_redis_is_back()
    {
        var (onA, onB) = await SignedInOnBothAsync();
        var key = await StampKeyAsync();
        var tokenStamp = (string?)await Probe.GetDatabase().StringGetAsync(key);
        Assert.NotNull(tokenStamp);

        // A Redis that keeps its data over a restart (RDB or AOF, a replica taking over) still holds
        // the token's stamp when it is back: SAVE writes the snapshot the restart loads.
        await Probe.GetServer(Probe.GetEndPoints()[0]).ExecuteAsync("SAVE");
        var redisOfA = A.Services.GetRequiredService<IConnectionMultiplexer>();
        var redisOfB = B.Services.GetRequiredService<IConnectionMultiplexer>();
        await Redis.StopAsync();
        await Eventually.WaitUntilAsync(() => !redisOfA.IsConnected, "instance A sees Redis gone");

        (await onA.PostAsync(LogOutEverywhere)).AssertNoErrors(); // cannot reach Redis
        Assert.Null((await onA.PostAsync(Me)).Data!["me"]);

        await Redis.StartAgainAsync();
        await Eventually.WaitUntilAsync(() => redisOfA.IsConnected && redisOfB.IsConnected && Probe.IsConnected, "both instances (and the probe) are connected to Redis again");

        // Connected, B reads Redis again: were the kept stamp trusted, B would accept the token for
        // the key's ten minutes. The instances drop the shared stamps when their connection is restored.
        await Eventually.WaitUntilAsync(async () => (await onB.PostAsync(Me)).Data!["me"] is null, "instance B refuses the revoked token", WithinTheWindow);
        Assert.NotEqual(tokenStamp, (string?)await Probe.GetDatabase().StringGetAsync(key));
        using var again = await B.ClientAsAsync(DemoAccounts.Alice);
        Assert.Equal(DemoAccounts.Alice, (await again.PostAsync(Me)).Data!["me"]!["email"]!.GetValue<string>());
    }

    private async Task<(HttpClient OnA, HttpClient OnB)> SignedInOnBothAsync()
    {
        using var signIn = A.CreateClient();
        var token = await signIn.LogInAsync(DemoAccounts.Alice);
        var (onA, onB) = (A.CreateClient(), B.CreateClient());
        onA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(DemoAccounts.Alice, (await onA.PostAsync(Me)).Data!["me"]!["email"]!.GetValue<string>());
        Assert.Equal(DemoAccounts.Alice, (await onB.PostAsync(Me)).Data!["me"]!["email"]!.GetValue<string>());
        return (onA, onB);
    }

    private async Task<RedisKey> StampKeyAsync()
    {
        await using var db = A.Db();
        var id = await db.Users.Where(u => u.Email == DemoAccounts.Alice).Select(u => u.Id).SingleAsync();
        return "graph:stamp:" + id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> StampInDatabaseAsync()
    {
        await using var db = A.Db();
        return await db.Users.Where(u => u.Email == DemoAccounts.Alice).Select(u => u.SecurityStamp).SingleAsync();
    }

    private async Task SetStampInDatabaseAsync(string stamp)
    {
        await using var db = A.Db();
        await db.Users.Where(u => u.Email == DemoAccounts.Alice).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp));
    }
}
