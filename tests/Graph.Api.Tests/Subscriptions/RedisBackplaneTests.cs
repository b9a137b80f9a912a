using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Graph.Api.Outbox;
using Graph.Api.Subscriptions.Redis;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>
/// Two instances (two applications in this process) on one PostgreSQL database and one real Redis:
/// events cross instances once, channels live only while local subscribers do, and Redis going
/// away loses nothing.
/// </summary>
public sealed class RedisBackplaneTests : IAsyncLifetime
{
    private const string StockChanged = "subscription($id: ID!) { productStockChanged(productId: $id) { id stock } }";
    private const string Restock = "mutation($id: ID!) { restockProduct(input: { productId: $id, quantity: 1 }) { product { stock } } }";
    private const string SignInsPerMinute = "6";
    private static readonly string Novel7 = GlobalId.Encode("Product", 7);

    private TwoInstancesOnRedis _instances = null!;

    private ShopApiFactory A => _instances.A;

    private ShopApiFactory B => _instances.B;

    private RedisServer Redis => _instances.Redis;

    private ConnectionMultiplexer Probe => _instances.Probe;

    public async Task InitializeAsync() => _instances = await TwoInstancesOnRedis.StartAsync(new Dictionary<string, string?> { ["Auth:SignInAttemptsPerMinute"] = SignInsPerMinute });

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task An_event_raised_on_one_instance_reaches_the_subscribers_of_every_instance_once_within_a_second()
    {
        var token = await A.CreateClient().LogInAsync(DemoAccounts.Staff);
        await using var onA = await TransportWsTestClient.ConnectAsync(A, token);
        await using var onB = await TransportWsTestClient.ConnectAsync(B, token);
        await onA.SubscribeAsync("s", StockChanged, new { id = Novel7 });
        await onB.SubscribeAsync("s", StockChanged, new { id = Novel7 });
        await WaitForRedisSubscribersAsync("ProductStockChanged:7", 2);

        using var staff = A.ClientFor(StaffId);
        var clock = Stopwatch.StartNew();
        var restocked = await staff.PostAsync(Restock, new { id = Novel7 });
        restocked.AssertNoErrors();
        var stock = restocked.Data!["restockProduct"]!["product"]!["stock"]!.GetValue<int>();

        var onBMessage = await onB.ReceiveAsync(TimeSpan.FromSeconds(10));
        var latency = clock.Elapsed;
        var onAMessage = await onA.ReceiveAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(stock, (int)onBMessage!["payload"]!["data"]!["productStockChanged"]!["stock"]!);
        Assert.Equal(stock, (int)onAMessage!["payload"]!["data"]!["productStockChanged"]!["stock"]!);
        Assert.True(latency < TimeSpan.FromSeconds(1), $"The event took {latency.TotalMilliseconds:0} ms to cross instances.");
        Assert.Null(await onA.ReceiveAsync(TimeSpan.FromSeconds(1)));
        Assert.Null(await onB.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_repeated_outbox_event_reaches_subscribers_once()
    {
        var token = await B.CreateClient().LogInAsync(DemoAccounts.Staff);
        await using var onB = await TransportWsTestClient.ConnectAsync(B, token);
        await onB.SubscribeAsync("s", StockChanged, new { id = Novel7 });
        await WaitForRedisSubscribersAsync("ProductStockChanged:7", 1);

        // What a dispatcher that lost its claim after publishing leads to: the same row published twice.
        var bus = A.Services.GetRequiredService<RedisTopicEventBus>();
        var again = new OutboxEvent(1_000_001, new ProductStockChanged(7, 3), DateTime.UtcNow);
        await bus.PublishAsync("ProductStockChanged:7", again);
        await bus.PublishAsync("ProductStockChanged:7", new OutboxEvent(1_000_001, new ProductStockChanged(7, 3), DateTime.UtcNow));

        Assert.Equal("next", (await onB.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.ToString());
        Assert.Null(await onB.ReceiveAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task An_instance_listens_to_a_topic_only_while_it_has_local_subscribers()
    {
        var token = await B.CreateClient().LogInAsync(DemoAccounts.Staff);
        await using (var client = await TransportWsTestClient.ConnectAsync(B, token))
        {
            for (var product = 1; product <= 30; product++)
            {
                await client.SubscribeAsync($"s{product}", StockChanged, new { id = GlobalId.Encode("Product", product) });
            }

            var bus = B.Services.GetRequiredService<RedisTopicEventBus>();
            await Eventually.WaitUntilAsync(() => bus.SubscribedTopics == 30, "instance B listens to 30 topics");
            for (var product = 1; product <= 30; product++)
            {
                await client.SendAsync(new { id = $"s{product}", type = "complete" });
            }

            await Eventually.WaitUntilAsync(() => bus.SubscribedTopics == 0, "instance B listens to no topic after every complete");
        }

        string[] left = [];
        await Eventually.WaitUntilAsync(
            async () => (left = [.. (await ChannelsAsync()).Select(c => c.ToString())]).Length == 0,
            "Redis has no channel of ours left: " + string.Join(", ", left));
    }

    [Fact]
    public async Task Redis_away_loses_no_event_keeps_mutations_working_reports_degraded_and_delivers_each_once_on_return()
    {
        var token = await B.CreateClient().LogInAsync(DemoAccounts.Staff);
        await using var onB = await TransportWsTestClient.ConnectAsync(B, token);
        await onB.SubscribeAsync("s", StockChanged, new { id = Novel7 });
        await WaitForRedisSubscribersAsync("ProductStockChanged:7", 1);
        var redisOfA = A.Services.GetRequiredService<IConnectionMultiplexer>();

        await Redis.StopAsync();
        await Eventually.WaitUntilAsync(() => !redisOfA.IsConnected, "instance A sees Redis gone");
        using var staff = A.ClientFor(StaffId);
        var stocks = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var restocked = await staff.PostAsync(Restock, new { id = Novel7 });
            restocked.AssertNoErrors();
            stocks.Add(restocked.Data!["restockProduct"]!["product"]!["stock"]!.GetValue<int>());
        }

        using (var ready = await A.CreateClient().GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        }

        await using (var db = A.Db())
        {
            Assert.Equal(3, await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.Type == nameof(ProductStockChanged)));
        }

        await Redis.StartAgainAsync();
        var received = new List<int>();
        while (received.Count < 3 && await onB.ReceiveAsync(TimeSpan.FromSeconds(30)) is { } message)
        {
            received.Add((int)message["payload"]!["data"]!["productStockChanged"]!["stock"]!);
        }

        // Three events, each read as the product is now (a subscription reads the entity at delivery).
        Assert.Equal([stocks[^1], stocks[^1], stocks[^1]], received);
        Assert.Null(await onB.ReceiveAsync(TimeSpan.FromSeconds(1.5)));
        await Eventually.WaitUntilAsync(
            async () =>
            {
                using var ready = await A.CreateClient().GetAsync("/health/ready");
                return await ready.Content.ReadAsStringAsync() == "Healthy";
            },
            "instance A is healthy again");
    }

    [Fact]
    public async Task A_persisted_query_registered_through_one_instance_runs_by_hash_on_the_other()
    {
        var query = "query Shared" + Guid.NewGuid().ToString("N") + " { categories { name } }";
        var hash = PersistedOperationId.Of(query);
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };
        using var a = A.CreateClient();
        using var b = B.CreateClient();

        var unknown = await b.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, JsonSerializer.Serialize(new { extensions }), "application/json", "application/json");
        var registered = await a.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, JsonSerializer.Serialize(new { query, extensions }), "application/json", "application/json");
        var byHash = await b.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, JsonSerializer.Serialize(new { extensions }), "application/json", "application/json");

        Assert.Equal(["PERSISTED_QUERY_NOT_FOUND"], unknown.ErrorCodes);
        registered.AssertNoErrors();
        byHash.AssertNoErrors();
        Assert.Equal(registered.Data!.ToJsonString(), byHash.Data!.ToJsonString());
        Assert.Equal(query, (string?)await Probe.GetDatabase().StringGetAsync(RedisPersistedQueryStore.Key(hash)));
    }

    [Fact]
    public async Task Sign_in_attempts_are_counted_across_instances()
    {
        const string LogIn = "mutation($email: String!) { logIn(input: { email: $email, password: \"wrong-Passw0rd\" }) { token } }";
        var (a, b) = (A.CreateClient(), B.CreateClient());
        var allowed = await MinuteWindow.RunInOneWindowAsync(async round =>
        {
            var count = 0;
            for (var attempt = 0; attempt < 12; attempt++)
            {
                var client = attempt % 2 == 0 ? a : b;
                var response = await client.PostAsync(LogIn, new { email = $"nobody{attempt}-{round}@shop.test" });
                if (response.Errors is null)
                {
                    count++;
                }
                else
                {
                    Assert.Equal("RATE_LIMITED", response.Errors[0]!["extensions"]!["code"]!.GetValue<string>());
                }
            }

            return count;
        });

        Assert.Equal(6, allowed);
    }

    private async Task WaitForRedisSubscribersAsync(string topic, int instances) =>
        await Eventually.WaitUntilAsync(
            async () => (long)(await Probe.GetServer(Probe.GetEndPoints()[0]).ExecuteAsync("PUBSUB", "NUMSUB", "graph:events:" + topic))[1] == instances,
            $"{instances} instance(s) subscribed to {topic} in Redis");

    private async Task<RedisResult[]> ChannelsAsync() =>
        (RedisResult[])(await Probe.GetServer(Probe.GetEndPoints()[0]).ExecuteAsync("PUBSUB", "CHANNELS", "graph:*"))!;
}
