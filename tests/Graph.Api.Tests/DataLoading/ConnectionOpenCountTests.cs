using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.ResponseCache;

namespace Graph.Api.Tests.DataLoading;

/// <summary>
/// A query's reads share the request's one context and connection (<see cref="ShopReadSession"/>):
/// the storefront's pages open one connection each, however many loader batches and list
/// resolvers they run, and with the same statements as before. Run on each provider: PostgreSQL
/// refuses a second command on a connection that is still reading, so parallel resolvers that did
/// not take turns would fail there.
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

    [Fact]
    public Task The_storefront_opens_one_connection() =>
        AssertOneConnectionAsync(CachedReads.Storefront, new { first = 12 }, statements: 2);

    [Fact]
    public Task The_product_page_opens_one_connection() =>
        AssertOneConnectionAsync(CachedReads.ProductPage, new { slug = "classic-novel-1" }, statements: 4);

    [Fact]
    public Task The_category_page_opens_one_connection() =>
        AssertOneConnectionAsync(CachedReads.CategoryPage, new { slug = "books", first = 20 }, statements: 2);

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
            Assert.Equal(1, _factory.ConnectionOpens.Opened);
        }
    }

    private async Task AssertOneConnectionAsync(string document, object variables, int statements)
    {
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();
        _factory.ConnectionOpens.Reset();

        var response = await client.PostAsync(document, variables);

        response.AssertNoErrors();
        Assert.Equal(1, _factory.ConnectionOpens.Opened);
        Assert.True(statements == _factory.SqlCommands.Commands.Count, string.Join("\n---\n", _factory.SqlCommands.Commands));
    }

    public sealed class OnSqlite() : ConnectionOpenCountTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : ConnectionOpenCountTests(DatabaseProvider.Postgres);
}
