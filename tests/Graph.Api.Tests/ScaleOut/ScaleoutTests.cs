using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// Three Graph.Api processes behind nginx on one PostgreSQL and one Redis, as tests/scaleout/up.sh
/// starts them: one migration at a shared start, events across instances exactly once, no oversell
/// through the balancer, no event lost while Redis is away, no forged client address believed.
/// </summary>
[Collection(ScaleoutGroup.Name)]
public sealed class ScaleoutTests(ScaleoutFixture fixture) : IClassFixture<ScaleoutFixture>
{
    private static readonly string Checkout = ShopKit.Operation("checkout.graphql", "Checkout");
    private ScaleoutTopology Topology => fixture.Topology;
    private ScaleoutKit Kit => fixture.Kit;

    [Fact]
    public async Task Three_instances_started_at_once_on_an_empty_database_and_exactly_one_migrated_and_seeded()
    {
        await using var db = Kit.Db();
        var migrations = db.Database.GetMigrations().ToList();
        var migrated = Enumerable.Range(0, 3).Count(i => Topology.Log(i).Contains($"Applying {migrations.Count} migration(s)", StringComparison.Ordinal));
        Assert.Equal(1, migrated);
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(6, await db.Categories.CountAsync());
        Assert.Equal(4, await db.Users.CountAsync(u => u.Email.EndsWith("@shop.test") && !u.Email.StartsWith("buyer")));
    }

    [Fact]
    public async Task A_subscriber_through_nginx_gets_orderPlaced_for_50_checkouts_over_every_instance_exactly_once()
    {
        await Kit.SetStockAsync(ShopKit.Second, 10_000);
        await using var subscriber = await Kit.SubscribeToOrdersAsync(Topology.Url);
        var buyers = await Kit.CustomersWithCartAsync(50, ShopKit.Second, 1);

        // Spread over the instances directly: each instance places a third of them.
        var placed = await Task.WhenAll(buyers.Select(async (buyer, i) =>
        {
            using var client = Kit.ClientFor(buyer, Topology.InstanceUrl(i % 3));
            var response = await client.PostAsync(Checkout, new { idempotencyKey = "k-" + buyer, paymentToken = "tok_visa" });
            response.AssertNoErrors();
            return response.Data!["checkout"]!["order"]!["id"]!.GetValue<string>();
        }));

        var received = await ReceiveOrdersAsync(subscriber, placed.Length);
        Assert.Equal(placed.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Null(await subscriber.ReceiveAsync(TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public async Task Forty_buyers_racing_through_nginx_for_the_last_unit_make_exactly_one_sale()
    {
        await Kit.SetStockAsync(ShopKit.Novel, 1);
        var buyers = await Kit.CustomersWithCartAsync(40, ShopKit.Novel, 1);

        var responses = await Task.WhenAll(buyers.Select(async buyer =>
        {
            using var client = Kit.ClientFor(buyer, Topology.Url);
            return await client.PostAsync(Checkout, new { idempotencyKey = "last-" + buyer, paymentToken = "tok_visa" });
        }));

        Assert.All(responses, r => r.AssertNoErrors());
        Assert.Single(responses, r => r.Data!["checkout"]!["order"] is not null);
        Assert.Equal(39, responses.Count(r => r.Data!["checkout"].ErrorTypes().SequenceEqual(["OutOfStockError"])));
        await using var db = Kit.Db();
        Assert.Equal(0, await db.Products.Where(p => p.Id == ShopKit.Novel).Select(p => p.Stock).SingleAsync());
        Assert.Equal(1, await db.Orders.CountAsync(o => buyers.Contains(o.CustomerId)));
    }

    [Fact]
    public async Task Redis_stopped_for_ten_seconds_while_orders_are_placed_loses_no_event_and_repeats_none()
    {
        await Kit.SetStockAsync(ShopKit.Second, 10_000);
        await using var subscriber = await Kit.SubscribeToOrdersAsync(Topology.Url);
        var buyers = await Kit.CustomersWithCartAsync(5, ShopKit.Second, 1);
        using var anyInstance = new HttpClient();

        await Topology.StopRedisAsync();
        var stopped = DateTime.UtcNow;
        var placed = new List<string>();
        foreach (var buyer in buyers)
        {
            using var client = Kit.ClientFor(buyer, Topology.Url);
            var response = await client.PostAsync(Checkout, new { idempotencyKey = "away-" + buyer, paymentToken = "tok_visa" });
            response.AssertNoErrors();
            placed.Add(response.Data!["checkout"]!["order"]!["id"]!.GetValue<string>());

            // Spread over the outage (pacing the load, not waiting for anything to happen).
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }

        Assert.Equal("Degraded", await anyInstance.GetStringAsync(new Uri(Topology.InstanceUrl(0), "/health/ready")));
        var rest = TimeSpan.FromSeconds(10) - (DateTime.UtcNow - stopped);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        await Topology.StartRedisAsync();
        var received = await ReceiveOrdersAsync(subscriber, placed.Count);
        Assert.Equal(placed.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Null(await subscriber.ReceiveAsync(TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_is_not_believed_through_nginx_nor_directly()
    {
        const string LogIn = "mutation($email: String!) { logIn(input: { email: $email, password: \"wrong-Passw0rd\" }) { token } }";
        const int Attempts = 2 * ScaleoutFixture.SignInsPerMinute;
        using var redis = await ConnectionMultiplexer.ConnectAsync(Topology.RedisConnectionString);
        var (before, allowed, after) = await MinuteWindow.RunInOneWindowAsync(async round =>
        {
            // The instances' shared counters of this minute's window (graph:signin:<address>:<minute>).
            var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
            var before = await SignInCountersAsync(redis, minute);
            var allowed = 0;
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                // Every attempt claims a fresh address; half of them go around nginx to an instance.
                var target = attempt % 2 == 0 ? Topology.Url : Topology.InstanceUrl(attempt % 3);
                using var request = new HttpRequestMessage(HttpMethod.Post, target)
                {
                    Content = JsonContent(LogIn, $"forger{attempt}-{round}@shop.test"),
                };
                request.Headers.Add("X-Forwarded-For", $"203.0.113.{attempt + 1}");
                using var http = new HttpClient();
                using var response = await http.SendAsync(request);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (body["errors"] is null)
                {
                    allowed++;
                }
                else
                {
                    Assert.Equal("RATE_LIMITED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
                }
            }

            return (before, allowed, await SignInCountersAsync(redis, minute));
        });

        // Every attempt was counted against one address, the machine's own, none against a forged one.
        var counted = Assert.Single(after, counter => before.GetValueOrDefault(counter.Key) != counter.Value);
        Assert.DoesNotContain("203.0.113.", counted.Key, StringComparison.Ordinal);
        var earlier = before.GetValueOrDefault(counted.Key);
        Assert.Equal(earlier + Attempts, counted.Value);
        Assert.Equal(Math.Max(0, ScaleoutFixture.SignInsPerMinute - earlier), allowed);
    }

    private static async Task<Dictionary<string, long>> SignInCountersAsync(ConnectionMultiplexer redis, long minute)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var db = redis.GetDatabase();
        await foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: $"graph:signin:*:{minute}"))
        {
            counters[key.ToString()] = (long)await db.StringGetAsync(key);
        }

        return counters;
    }

    private static StringContent JsonContent(string query, string email) =>
        new(System.Text.Json.JsonSerializer.Serialize(new { query, variables = new { email } }), System.Text.Encoding.UTF8, "application/json");

    private static async Task<List<string>> ReceiveOrdersAsync(GraphQLWebSocketClient subscriber, int count)
    {
        var received = new List<string>();
        while (received.Count < count && await subscriber.ReceiveAsync(TimeSpan.FromSeconds(30)) is { } message)
        {
            Assert.Equal("next", message["type"]?.ToString());
            received.Add(message["payload"]!["data"]!["orderPlaced"]!["id"]!.GetValue<string>());
        }

        return received;
    }
}

/// <summary>The scale-out scenarios run one at a time: they share a machine with two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleoutGroup
{
    public const string Name = "Scale-out topology";
}
