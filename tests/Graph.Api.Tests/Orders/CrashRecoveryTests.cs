using Graph.Api.Orders;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Graph.Api.Tests.Orders;

/// <summary>
/// The real server killed with SIGKILL in the middle of a stream of checkouts: after a restart every
/// acknowledged order is there, the stock adds up, and the database file is intact.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Shoppers = [DemoAccounts.Alice, DemoAccounts.Bob, DemoAccounts.Admin, DemoAccounts.Staff];

    private readonly string _database = Path.Combine(Path.GetTempPath(), "graph-tests", $"crash-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    [Fact]
    public async Task A_server_killed_mid_checkout_keeps_every_acknowledged_order_and_its_stock_adds_up()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database)!);
        var acknowledged = new Arrivals<string>();
        int initialStock;
        using (var server = await ShopServerProcess.StartAsync(_database, StartTimeout))
        {
            using var staff = server.CreateClient();
            await staff.SignInAsync(DemoAccounts.Staff);
            var restock = await staff.PostAsync("mutation { restockProduct(input: { productId: \"UHJvZHVjdDoy\", quantity: 1000 }) { product { stock } } }");
            initialStock = restock.Data!["restockProduct"]!["product"]!["stock"]!.GetValue<int>();

            // One shopper pays with tok_slow: most of its time it holds a reservation, so the kill
            // almost surely lands between a charge and its order.
            using var stop = new CancellationTokenSource();
            var shoppers = Shoppers.Select((email, i) => server.ShopUntilStoppedAsync(email, i == 0 ? PaymentSimulator.Slow : PaymentSimulator.Visa, acknowledged.Add, stop.Token)).ToList();
            try
            {
                await acknowledged.WaitForAsync(40, TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                // Killed all the same: fewer acknowledged orders make a weaker test, not a wrong one.
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(shoppers);
            Assert.False(acknowledged.Count == 0, "No checkout was acknowledged before the kill:\n" + server.Output);
        }

        Assert.Equal("ok", Scalar<string>("PRAGMA integrity_check"));

        using (var restarted = await ShopServerProcess.StartAsync(_database, StartTimeout))
        {
            using var staff = restarted.CreateClient();
            await staff.SignInAsync(DemoAccounts.Staff);
            foreach (var chunk in acknowledged.Items.Chunk(50))
            {
                var found = await staff.PostAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { status } } }", new { ids = chunk });
                found.AssertNoErrors();
                Assert.All(found.Data!["nodes"]!.AsArray(), order => Assert.Equal("PLACED", order!["status"]!.GetValue<string>()));
            }

            var stock = (await staff.PostAsync("{ node(id: \"UHJvZHVjdDoy\") { ... on Product { stock } } }")).Data!["node"]!["stock"]!.GetValue<int>();
            var sold = Scalar<long>("SELECT COALESCE(SUM(Quantity), 0) FROM OrderLines WHERE ProductId = 2");
            Assert.True(sold >= acknowledged.Count, $"{sold} sold, {acknowledged.Count} acknowledged");
            Assert.Equal(initialStock - sold, stock);
            Assert.Equal(0L, Scalar<long>("SELECT COUNT(*) FROM CheckoutAttempts WHERE OrderId IS NULL"));
            Assert.Equal(Scalar<long>("SELECT COUNT(*) FROM Orders"), Scalar<long>("SELECT COUNT(*) FROM OutboxMessages WHERE Type = 'OrderPlaced'"));
            output.WriteLine($"{acknowledged.Count} orders acknowledged, {Scalar<long>("SELECT COUNT(*) FROM Orders")} in the database, {sold} units sold, stock {initialStock} → {stock}");
            output.WriteLine(restarted.Output);
        }

        Assert.Equal("ok", Scalar<string>("PRAGMA integrity_check"));
    }

    private T Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}
