using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.ResponseCache;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Graph.Api.Tests.Data;

/// <summary>
/// SQLite's read contexts keep their connection open and their statements prepared
/// (<see cref="SqliteReadContextPool"/>, <see cref="SqliteStatementCache"/>): a statement run again is
/// bound, not compiled, yet every read sees the latest commit and the values it was given.
/// </summary>
public sealed class SqliteReadContextPoolTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public SqliteReadContextPoolTests()
    {
        // Every request below must run its resolvers, not come from the response cache.
        _factory.Settings["GraphQL:ResponseCache:Enabled"] = "false";
    }

    public void Dispose() => _factory.Dispose();

    private SqliteReadContextPool Pool => _factory.Services.GetRequiredService<SqliteReadContextPool>();

    [Fact]
    public async Task A_page_read_again_prepares_no_statement_and_binds_the_new_values()
    {
        using var client = _factory.CreateClient();
        var first = await client.PostAsync(CachedReads.ProductPage, new { slug = "classic-novel-1" });
        first.AssertNoErrors();
        var prepared = Pool.StatementsPrepared;
        Assert.True(prepared >= 4, $"the product page's four statements were prepared ({prepared})");

        var names = new List<string>();
        foreach (var slug in new[] { "everyday-cookbook-2", "classic-novel-1", "smart-atlas-3" })
        {
            var again = await client.PostAsync(CachedReads.ProductPage, new { slug });

            again.AssertNoErrors();
            Assert.True(again.Data!["productBySlug"] is not null, slug + ": " + again.Data!.ToJsonString());
            names.Add(again.Data!["productBySlug"]!["name"]!.GetValue<string>());
        }

        Assert.Equal(prepared, Pool.StatementsPrepared);
        Assert.Equal(3, names.Distinct().Count());
        Assert.Equal(first.Data!["productBySlug"]!["name"]!.GetValue<string>(), names[1]);
    }

    [Fact]
    public async Task A_read_on_a_kept_connection_sees_a_write_committed_since()
    {
        var factory = _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>();

        for (var stock = 101; stock <= 103; stock++)
        {
            await using (var write = await factory.CreateDbContextAsync())
            {
                await write.Products.Where(p => p.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stock));
            }

            var read = await ReadAsync((db, token) => db.Products.Where(p => p.Id == 1).Select(p => p.Stock).SingleAsync(token));

            Assert.Equal(stock, read);
        }

        // One connection served every read: the writes did not need it closed to be seen.
        Assert.Equal(1, Pool.ContextsCreated);
    }

    [Fact]
    public async Task A_read_that_fails_discards_its_connection()
    {
        await ReadAsync((db, token) => db.Products.CountAsync(token));
        Assert.Equal(1, Pool.ContextsCreated);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ReadAsync<int>((_, _) => throw new InvalidOperationException("the read failed")));
        var count = await ReadAsync((db, token) => db.Products.CountAsync(token));

        Assert.Equal(60, count);
        Assert.Equal(2, Pool.ContextsCreated);
    }

    [Fact]
    public async Task The_same_statement_run_while_it_is_still_reading_gets_a_command_of_its_own()
    {
        var pairs = await ReadAsync(async (db, token) =>
        {
            var found = new List<(int Outer, int Inner)>();
            await foreach (var outer in db.Products.Where(p => p.Id <= 3).OrderBy(p => p.Id).Select(p => p.Id).AsAsyncEnumerable().WithCancellation(token))
            {
                // The outer statement's reader is open: the same SQL must not reuse its command.
                var inner = await db.Products.Where(p => p.Id <= 3).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(token);
                found.Add((outer, inner.Count));
            }

            return found;
        });

        Assert.Equal([(1, 3), (2, 3), (3, 3)], pairs);

        // Both commands were given back; the next run reuses one of them.
        var before = Pool.StatementsPrepared;
        var ids = await ReadAsync((db, token) => db.Products.Where(p => p.Id <= 3).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(token));
        Assert.Equal([1, 2, 3], ids);
        Assert.Equal(before, Pool.StatementsPrepared);
    }

    // One read through a request scope's session, as a resolver's would run.
    private async Task<T> ReadAsync<T>(Func<ShopDbContext, CancellationToken, Task<T>> read)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopReadSession>().ReadAsync(read, CancellationToken.None);
    }

    [Fact]
    public async Task The_read_connections_make_the_cached_commands_themselves_so_no_command_interceptor_is_registered()
    {
        var folder = Directory.CreateTempSubdirectory("graph-read-pool-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Shop"] = $"Data Source={Path.Combine(folder, "shop.db")}",
            }).Build();
            var services = new ServiceCollection().AddShopData(configuration, new TestEnvironment()).BuildServiceProvider();
            await using (services)
            {
                var options = services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext().GetService<IDbContextOptions>();

                // With one, EF Core builds every command's event data (a Guid read from /dev/urandom among it).
                Assert.DoesNotContain(options.FindExtension<CoreOptionsExtension>()!.Interceptors ?? [], interceptor => interceptor is IDbCommandInterceptor);

                var pool = services.GetRequiredService<SqliteReadContextPool>();
                var db = await pool.RentAsync(CancellationToken.None);
                Assert.Equal("StatementCachingSqliteConnection", db.Database.GetDbConnection().GetType().Name);
                pool.Return(db, healthy: true);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Graph.Api.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
