using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Graph.Api.Tests.ResponseCache;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data;

/// <summary>
/// On SQLite a query's reads share one snapshot, one read transaction (<see cref="QueryReadSnapshot"/>,
/// <see cref="ShopReadSession.HoldSnapshot"/>); a mutation's reads see its own write, and a snapshot
/// never outlives its request, not even on a connection discarded after a failed read.
/// </summary>
public sealed class QueryReadSnapshotTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public QueryReadSnapshotTests()
    {
        _factory.Settings["GraphQL:ResponseCache:Enabled"] = "false";
    }

    public void Dispose() => _factory.Dispose();

    private SqliteReadContextPool Pool => _factory.Services.GetRequiredService<SqliteReadContextPool>();

    [Fact]
    public async Task Reads_in_a_snapshot_do_not_see_a_write_committed_meanwhile_and_reads_after_it_do()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ShopReadSession>();
        var before = Pool.ReadTransactions;

        session.HoldSnapshot();
        var first = await StockAsync(session);
        await WriteStockAsync(first + 7);
        var inSnapshot = await StockAsync(session);
        await session.ReleaseSnapshotAsync();
        var after = await StockAsync(session);

        Assert.Equal(first, inSnapshot);
        Assert.Equal(first + 7, after);
        Assert.Equal(before + 1, Pool.ReadTransactions);
    }

    [Fact]
    public async Task A_query_reads_in_one_read_transaction_and_a_mutation_in_none()
    {
        using var client = _factory.CreateClient();
        var before = Pool.ReadTransactions;

        // Four statements: the product, its category, its reviews and their authors.
        var page = await client.PostAsync(CachedReads.ProductPage, new { slug = "classic-novel-1" });

        page.AssertNoErrors();
        Assert.Equal(before + 1, Pool.ReadTransactions);

        using var staff = _factory.CreateClient();
        await staff.SignInAsync(DemoAccounts.Staff);
        var stock = page.Data!["productBySlug"]!["inStock"]!.GetValue<bool>();
        before = Pool.ReadTransactions;
        var restock = await staff.PostAsync("mutation { restockProduct(input: { productId: \"UHJvZHVjdDox\", quantity: 5 }) { product { stock } } }");

        restock.AssertNoErrors();
        Assert.True(stock || restock.Data!["restockProduct"]!["product"]!["stock"]!.GetValue<int>() >= 5);
        Assert.Equal(before, Pool.ReadTransactions);
    }

    [Fact]
    public async Task A_mutation_payload_reads_what_the_mutation_wrote()
    {
        using var staff = _factory.CreateClient();
        await staff.SignInAsync(DemoAccounts.Staff);
        var stocks = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            // Two mutations in one request: the second's payload must see the second write too.
            var restock = await staff.PostAsync(
                "mutation { a: restockProduct(input: { productId: \"UHJvZHVjdDox\", quantity: 3 }) { product { stock } } b: restockProduct(input: { productId: \"UHJvZHVjdDox\", quantity: 4 }) { product { stock } } }");
            restock.AssertNoErrors();
            stocks.Add(restock.Data!["a"]!["product"]!["stock"]!.GetValue<int>());
            stocks.Add(restock.Data!["b"]!["product"]!["stock"]!.GetValue<int>());
        }

        Assert.Equal([stocks[0], stocks[0] + 4, stocks[0] + 7, stocks[0] + 11], stocks);
    }

    [Fact]
    public async Task A_read_that_fails_in_a_snapshot_leaves_no_transaction_on_any_connection()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<ShopReadSession>();
            session.HoldSnapshot();
            var stock = await StockAsync(session);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.ReadAsync<int>((_, _) => throw new InvalidOperationException("the read failed"), CancellationToken.None));
            await WriteStockAsync(stock + 1);

            // A read after the failure takes a new snapshot, which sees the write.
            Assert.Equal(stock + 1, await StockAsync(session));
        }

        // The discarded connection went back to Microsoft.Data.Sqlite's pool; whoever opens one next
        // can begin a transaction of its own and reads the latest commit.
        for (var i = 0; i < 3; i++)
        {
            await using var connection = new SqliteConnection(_factory.ConnectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await transaction.RollbackAsync();
        }

        await WriteStockAsync(4321);
        await using var reader = _factory.Services.CreateAsyncScope();
        Assert.Equal(4321, await StockAsync(reader.ServiceProvider.GetRequiredService<ShopReadSession>()));
    }

    private static Task<int> StockAsync(ShopReadSession session) =>
        session.ReadAsync((db, token) => db.Products.Where(p => p.Id == 1).Select(p => p.Stock).SingleAsync(token), CancellationToken.None);

    private async Task WriteStockAsync(int stock)
    {
        await using var write = await _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();
        await write.Products.Where(p => p.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stock));
    }
}
