using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.ResponseCache;

namespace Graph.Api.Tests.DataLoading;

/// <summary>
/// A query's reads take turns (<see cref="ShopReadSession"/>) and open at most one connection, however
/// many loader batches and list resolvers they run, with the same statements as before. On PostgreSQL
/// the request's one context and connection serve every read; on SQLite each read borrows an open
/// connection of <see cref="SqliteReadContextPool"/>, so only the first request opens one, and a
/// statement run again is not prepared again. Run on each provider: PostgreSQL refuses a second command
/// on a connection that is still reading, so parallel resolvers that did not take turns would fail there.
/// </summary>
public abstract class ConnectionOpenCountTests : IDisposable
{
    private readonly ShopApiFactory _factory;

    protected ConnectionOpenCountTests(DatabaseProvider provider)
    {
        _factory = new ShopApiFactory(provider);

        // Every request below must run its resolvers, not come from the response cache.
        _factory.Settings["GraphQL:ResponseCache:Enabled"] = "false";
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The connections the <paramref name="round"/>th request (from 0) opens.</summary>
    protected abstract int ExpectedOpens(int round);

    [Fact]
    public Task The_storefront_opens_at_most_one_connection() =>
        AssertConnectionsAsync(CachedReads.Storefront, new { first = 12 }, statements: 2);

    [Fact]
    public Task The_product_page_opens_at_most_one_connection() =>
        AssertConnectionsAsync(CachedReads.ProductPage, new { slug = "classic-novel-1" }, statements: 4);

    [Fact]
    public Task The_category_page_opens_at_most_one_connection() =>
        AssertConnectionsAsync(CachedReads.CategoryPage, new { slug = "books", first = 20 }, statements: 2);

    [Fact]
    public async Task Parallel_root_fields_take_turns_on_the_one_connection()
    {
        const string Query = """
            {
              categories { name products(first: 3) { nodes { name reviews(first: 2) { nodes { author { displayName } } } } } }
              products(first: 5, order: [{ price: DESC }]) { totalCount nodes { name category { name } } }
              productBySlug(slug: "classic-novel-1") { name reviews(first: 5) { nodes { rating } } }
              categoryBySlug(slug: "books") { name }
            }
            """;

        using var client = _factory.CreateClient();
        for (var round = 0; round < 5; round++)
        {
            _factory.ConnectionOpens.Reset();
            var response = await client.PostAsync(Query);

            response.AssertNoErrors();
            Assert.Equal(5, response.Data!["products"]!["nodes"]!.AsArray().Count);
            Assert.Equal("Books", response.Data!["categoryBySlug"]!["name"]!.GetValue<string>());
            Assert.Equal(ExpectedOpens(round), _factory.ConnectionOpens.Opened);
        }
    }

    private async Task AssertConnectionsAsync(string document, object variables, int statements)
    {
        using var client = _factory.CreateClient();
        for (var round = 0; round < 3; round++)
        {
            _factory.SqlCommands.Reset();
            _factory.ConnectionOpens.Reset();

            var response = await client.PostAsync(document, variables);

            response.AssertNoErrors();
            Assert.Equal(ExpectedOpens(round), _factory.ConnectionOpens.Opened);
            Assert.True(statements == _factory.SqlCommands.Commands.Count, string.Join("\n---\n", _factory.SqlCommands.Commands));
        }
    }

    public sealed class OnSqlite() : ConnectionOpenCountTests(DatabaseProvider.Sqlite)
    {
        protected override int ExpectedOpens(int round) => round == 0 ? 1 : 0;
    }

    public sealed class OnPostgres() : ConnectionOpenCountTests(DatabaseProvider.Postgres)
    {
        protected override int ExpectedOpens(int round) => 1;
    }
}
