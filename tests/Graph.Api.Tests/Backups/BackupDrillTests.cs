using Graph.Api.Orders;
using Graph.Api.Tests.Cli;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Backups;

/// <summary>
/// The disaster-recovery drill: checkouts stream into the real server; `db backup` (another process)
/// copies the live database mid-stream; the server is killed with SIGKILL; `db restore` puts the
/// backup into a fresh folder and the server starts on it. Every order acknowledged before the
/// backup began is there, the stock agrees with the order lines, the file is intact, and every
/// committed event of the restored orders is sent.
/// </summary>
public sealed class BackupDrillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "graph-tests", $"drill-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task A_backup_taken_under_load_restores_every_order_acknowledged_before_it()
    {
        Directory.CreateDirectory(_folder);
        var live = Path.Combine(_folder, "live.db");
        var backup = Path.Combine(_folder, "backup.db");
        var restored = Path.Combine(_folder, "restored", "shop.db");
        var acknowledged = new Arrivals<string>();
        string[] beforeBackup;
        int initialStock;
        using (var server = await ShopServerProcess.StartAsync(live, StartTimeout))
        {
            using var staff = server.CreateClient();
            await staff.SignInAsync(DemoAccounts.Staff);
            var restock = await staff.PostAsync("mutation { restockProduct(input: { productId: \"UHJvZHVjdDoy\", quantity: 1000 }) { product { stock } } }");
            initialStock = restock.Data!["restockProduct"]!["product"]!["stock"]!.GetValue<int>();

            using var stop = new CancellationTokenSource();
            var shoppers = new[] { DemoAccounts.Alice, DemoAccounts.Bob }.Select(email => server.ShopUntilStoppedAsync(email, PaymentSimulator.Visa, acknowledged.Add, stop.Token)).ToList();
            await acknowledged.WaitForAsync(10, TimeSpan.FromSeconds(60));

            beforeBackup = [.. acknowledged.Items];
            var (exitCode, backupOutput, backupError) = await ShopProcess.RunAsync("db", "backup", backup, "--ConnectionStrings:Shop", $"Data Source={live}");
            Assert.True(exitCode == 0, backupOutput + backupError);
            var atBackup = acknowledged.Count;
            await acknowledged.WaitForAsync(atBackup + 5, TimeSpan.FromSeconds(60));

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(shoppers);
            output.WriteLine($"{beforeBackup.Length} orders before the backup, {acknowledged.Count} when killed; {backupOutput.Trim()}");
        }

        var (restoreCode, restoreOutput, restoreError) = await ShopProcess.RunAsync("db", "restore", backup, "--ConnectionStrings:Shop", $"Data Source={restored}");
        Assert.True(restoreCode == 0, restoreOutput + restoreError);
        Assert.Equal("ok", Scalar<string>(restored, "PRAGMA integrity_check"));

        using (var server = await ShopServerProcess.StartAsync(restored, StartTimeout))
        {
            using var staff = server.CreateClient();
            await staff.SignInAsync(DemoAccounts.Staff);
            var found = await staff.PostAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { status } } }", new { ids = beforeBackup });
            found.AssertNoErrors();
            Assert.All(found.Data!["nodes"]!.AsArray(), order => Assert.Equal("PLACED", order!["status"]!.GetValue<string>()));

            var stock = (await staff.PostAsync("{ node(id: \"UHJvZHVjdDoy\") { ... on Product { stock } } }")).Data!["node"]!["stock"]!.GetValue<int>();
            var sold = Scalar<long>(restored, "SELECT COALESCE(SUM(Quantity), 0) FROM OrderLines WHERE ProductId = 2");
            Assert.True(sold >= beforeBackup.Length, $"{sold} sold in the backup, {beforeBackup.Length} acknowledged before it");
            Assert.Equal(initialStock - sold, stock);
            Assert.Equal(Scalar<long>(restored, "SELECT COUNT(*) FROM Orders"), Scalar<long>(restored, "SELECT COUNT(*) FROM OutboxMessages WHERE Type = 'OrderPlaced'"));

            // Events the backup caught unsent are sent by the restored server, not lost.
            await Eventually.WaitUntilAsync(() => Scalar<long>(restored, "SELECT COUNT(*) FROM OutboxMessages WHERE SentAt IS NULL") == 0, "every outbox row sent", TimeSpan.FromSeconds(60));
        }
    }

    private static T Scalar<T>(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}
