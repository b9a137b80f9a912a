using System.Collections.Concurrent;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Graph.AspNetCore.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// One of three instances killed with SIGKILL in the middle of a stream of checkouts through nginx
/// (a topology of its own: this one is left short of an instance).
/// </summary>
[Collection(ScaleoutGroup.Name)]
public sealed class ScaleoutKillTests(ScaleoutFixture fixture) : IClassFixture<ScaleoutFixture>
{
    private const string OrderPlaced = "subscription { orderPlaced { id } }";
    private static readonly string Checkout = ShopKit.Operation("checkout.graphql", "Checkout");
    private ScaleoutTopology Topology => fixture.Topology;
    private ScaleoutKit Kit => fixture.Kit;

    [Fact]
    public async Task An_instance_killed_mid_load_loses_no_acknowledged_order_and_its_events_are_published_by_the_others()
    {
        await Kit.SetStockAsync(ShopKit.Second, 10_000);
        await using var watcher = await Kit.SubscribeToOrdersAsync(Topology.InstanceUrl(0));
        var throughNginx = await GraphQLWebSocketClient.ConnectAsync(Topology.Url, token: await Kit.StaffTokenAsync(), readAhead: true);
        await throughNginx.SubscribeAsync("orders", OrderPlaced);
        var buyers = new ConcurrentQueue<int>(await Kit.CustomersWithCartAsync(60, ShopKit.Second, 1));
        var acknowledged = new ConcurrentBag<string>();
        var afterKill = 0;
        var killed = 0;

        // Four clients through nginx; the third instance dies once 20 orders are acknowledged.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (buyers.TryDequeue(out var buyer))
            {
                using var client = Kit.ClientFor(buyer, Topology.Url);
                try
                {
                    var response = await client.PostAsync(Checkout, new { idempotencyKey = "kill-" + buyer, paymentToken = "tok_visa" });
                    if (response.Data?["checkout"]?["order"]?["id"]?.GetValue<string>() is { } id)
                    {
                        acknowledged.Add(id);
                        if (Volatile.Read(ref killed) == 1)
                        {
                            Interlocked.Increment(ref afterKill);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The instance died under this request: its outcome is unknown to the client.
                }

                if (acknowledged.Count >= 20 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    Topology.Kill(2);
                }
            }
        }));

        Assert.Equal(1, killed);
        Assert.True(afterKill > 0, "No checkout went through nginx after the kill.");

        // Every acknowledged order is there, and every order placed (acknowledged or not) is announced once.
        await using var db = Kit.Db();
        var orders = (await db.Orders.Where(o => o.IdempotencyKey.StartsWith("kill-")).Select(o => o.Id).ToListAsync())
            .Select(id => GlobalId.Encode("Order", id)).ToList();
        Assert.Subset(orders.ToHashSet(), acknowledged.ToHashSet());
        var received = new List<string>();
        while (received.Count < orders.Count && await watcher.ReceiveAsync(TimeSpan.FromSeconds(30)) is { } message)
        {
            received.Add(message["payload"]!["data"]!["orderPlaced"]!["id"]!.GetValue<string>());
        }

        Assert.Equal(orders.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Null(await watcher.ReceiveAsync(TimeSpan.FromSeconds(1.5)));

        // A subscriber through nginx that was on the dead instance reconnects and goes on.
        if (throughNginx.Ended)
        {
            await throughNginx.DisposeAsync();
            throughNginx = await GraphQLWebSocketClient.ConnectAsync(Topology.Url, token: await Kit.StaffTokenAsync(), readAhead: true);
            await throughNginx.SubscribeAsync("orders", OrderPlaced);
        }

        await using (throughNginx)
        {
            // Its instance may already have been listening: orders are placed until one reaches it.
            string? seen = null;
            var placed = new HashSet<string>();
            for (var probe = 0; probe < 10 && seen is null; probe++)
            {
                var last = (await Kit.CustomersWithCartAsync(1, ShopKit.Second, 1))[0];
                using var client = Kit.ClientFor(last, Topology.Url);
                var response = await client.PostAsync(Checkout, new { idempotencyKey = $"kill-after-{probe}", paymentToken = "tok_visa" });
                response.AssertNoErrors();
                placed.Add(response.Data!["checkout"]!["order"]!["id"]!.GetValue<string>());
                while (seen is null && await throughNginx.ReceiveAsync(TimeSpan.FromSeconds(3)) is { } message)
                {
                    var id = message["payload"]?["data"]?["orderPlaced"]?["id"]?.GetValue<string>();
                    seen = id is not null && placed.Contains(id) ? id : null;
                }
            }

            Assert.NotNull(seen);
        }
    }
}
