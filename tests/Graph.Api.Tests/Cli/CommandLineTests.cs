using Graph.Api.Commands;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace Graph.Api.Tests.Cli;

public class CommandLineTests
{
    [Theory]
    [InlineData("--urls", "http://127.0.0.1:5055")]
    [InlineData("--environment=Production", "--Database:Provider", "Sqlite")]
    public void Settings_alone_mean_serve(params string[] args) =>
        Assert.False(ShopCommandLine.IsCommand(CommandArguments.Parse(args)));

    [Fact]
    public void An_option_value_is_never_taken_for_a_command_word()
    {
        var arguments = CommandArguments.Parse(["db", "seed", "--products", "1000", "--ConnectionStrings:Shop", "Data Source=x.db"]);

        Assert.Equal(["db", "seed"], arguments.Words);
        Assert.Equal("1000", arguments.Options["products"]);
        Assert.Equal("Data Source=x.db", arguments.Options["ConnectionStrings:Shop"]);
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_zero()
    {
        foreach (var args in new[] { new[] { "--help" }, ["help"], ["-h"] })
        {
            var (exitCode, output, _) = await ShopProcess.RunAsync(args);

            Assert.Equal(0, exitCode);
            foreach (var command in new[] { "schema export [path]", "operations manifest [path]", "db migrate", "db seed [--products N]", "help, --help" })
            {
                Assert.Contains(command, output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_unknown_command_prints_help_and_exits_non_zero()
    {
        var (exitCode, output, error) = await ShopProcess.RunAsync("db", "frobnicate");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unknown command: db frobnicate", error, StringComparison.Ordinal);
        Assert.Contains("db seed [--products N]", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_product_count_is_refused()
    {
        var (exitCode, _, error) = await ShopProcess.RunAsync("db", "seed", "--products", "lots", "--ConnectionStrings:Shop", "Data Source=" + TempDatabase());

        Assert.Equal(1, exitCode);
        Assert.Contains("--products must be a whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_migrate_creates_the_schema_and_exits()
    {
        var database = TempDatabase();
        try
        {
            var (exitCode, output, _) = await ShopProcess.RunAsync("db", "migrate", "--ConnectionStrings:Shop", $"Data Source={database}");

            Assert.Equal(0, exitCode);
            Assert.Contains("Applied", output, StringComparison.Ordinal);
            Assert.Equal(0, Count(database, "SELECT COUNT(*) FROM Products"));
            Assert.True(Count(database, "SELECT COUNT(*) FROM __EFMigrationsHistory") > 0);
        }
        finally
        {
            Delete(database);
        }
    }

    [Fact]
    public async Task Db_seed_with_products_adds_that_many_generated_products_to_the_demo_catalog()
    {
        var database = TempDatabase();
        try
        {
            var (exitCode, output, error) = await ShopProcess.RunAsync("db", "seed", "--products", "1000", "--ConnectionStrings:Shop", $"Data Source={database}");
            Assert.True(exitCode == 0, error);
            var (again, _, _) = await ShopProcess.RunAsync("db", "seed", "--products", "1000", "--ConnectionStrings:Shop", $"Data Source={database}");

            Assert.Equal(0, again);
            Assert.Contains("100%", output, StringComparison.Ordinal);
            // 1,000 products are one batch: one progress line, not ten copies of it.
            Assert.Single(output.Split('\n'), line => line.Contains("% ", StringComparison.Ordinal) && line.Contains("products", StringComparison.Ordinal));
            var demo = Count(database, $"SELECT COUNT(*) FROM Products WHERE Sku NOT LIKE '{BenchmarkCatalog.SkuPrefix}%'");
            Assert.Equal(60, demo);
            Assert.Equal(2000, Count(database, $"SELECT COUNT(*) FROM Products WHERE Sku LIKE '{BenchmarkCatalog.SkuPrefix}%'"));
            Assert.Equal(2000, Count(database, "SELECT COUNT(DISTINCT Slug) FROM Products WHERE Slug LIKE '%-bench'"));
        }
        finally
        {
            Delete(database);
        }
    }

    [Fact]
    public void Configuration_sees_the_settings_and_never_a_commands_words()
    {
        // A path like /tmp/x.db would otherwise be read as a "/key value" switch, swallowing the setting after it.
        var arguments = CommandArguments.Parse(["db", "backup", "/tmp/x.db", "--ConnectionStrings:Shop", "Data Source=y.db", "--urls=http://127.0.0.1:1"]);

        Assert.Equal(["db", "backup", "/tmp/x.db"], arguments.Words);
        Assert.Equal(["--ConnectionStrings:Shop", "Data Source=y.db", "--urls=http://127.0.0.1:1"], arguments.Settings);
    }

    [Fact]
    public async Task Seed_progress_reports_how_far_it_really_is_once_per_tenth_crossed()
    {
        using var factory = new ShopApiFactory();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>();
        using var progress = new StringWriter();

        await BenchmarkCatalog.AddProductsAsync(contexts, 12_000, progress);

        // Batches of 5,000: 5,000 (41%), 10,000 (83%), 12,000 (100%).
        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal(["41%", "83%", "100%"], lines.Select(l => l.Split(' ')[0]));
        Assert.Contains("12,000 products", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_products_are_deterministic()
    {
        var first = BenchmarkCatalog.Create(41, [1, 2, 3]);
        var again = BenchmarkCatalog.Create(41, [1, 2, 3]);

        Assert.Equal((first.Sku, first.Name, first.Slug, first.Price, first.Stock, first.CategoryId, first.CreatedAt, first.RowVersion),
            (again.Sku, again.Name, again.Slug, again.Price, again.Stock, again.CategoryId, again.CreatedAt, again.RowVersion));
        Assert.Equal("BENCH-0000042", first.Sku);
        Assert.NotEqual(first.Slug, BenchmarkCatalog.Create(42, [1, 2, 3]).Slug);
    }

    private static string TempDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "graph-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"cli-{Guid.NewGuid():N}.db");
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Delete(string database)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }
}
