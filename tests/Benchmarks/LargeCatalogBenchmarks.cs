using BenchmarkDotNet.Attributes;
using Graph.Api.Commands;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// <c>products(first: 50, where: …, order: …)</c> on a catalog of 100,000 products (the demo seed
/// plus <c>db seed --products 100000</c>'s generator): filtered, sorted and keyset-paged in SQLite.
/// With and without <c>totalCount</c>, first page and a page deep in the list (by cursor).
/// </summary>
[MemoryDiagnoser]
public class LargeCatalogBenchmarks
{
    private const int Products = 100_000;

    private const string Page = """
        query ($after: String) {
          products(first: 50, after: $after, where: { and: [{ price: { lte: 80 } }, { inStock: { eq: true } }] }, order: [{ price: DESC }, { name: ASC }]) {
            pageInfo { hasNextPage endCursor }
            nodes { id name price inStock }
          }
        }
        """;

    private const string PageWithCount = """
        {
          products(first: 50, where: { and: [{ price: { lte: 80 } }, { inStock: { eq: true } }] }, order: [{ price: DESC }, { name: ASC }]) {
            totalCount
            nodes { id name price inStock }
          }
        }
        """;

    private const string NameSearch = """
        { products(first: 50, where: { name: { startsWith: "Smart" } }, order: [{ name: ASC }]) { nodes { id name } } }
        """;

    private ShopHost _host = null!;
    private Pipeline _pipeline = null!;
    private string _deepCursor = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = new ShopHost();
        var factory = _host.AppServices.GetRequiredService<IDbContextFactory<ShopDbContext>>();
        await BenchmarkCatalog.AddProductsAsync(factory, Products, TextWriter.Null);
        _pipeline = Pipeline.Of(_host.AppServices);
        _pipeline.EnsureClean(Page, PageWithCount, NameSearch);

        // A cursor 20 pages deep, to show that a deep page costs what the first does (keyset, no OFFSET).
        string? cursor = null;
        for (var i = 0; i < 20; i++)
        {
            using var buffer = new MemoryStream();
            await _pipeline.ExecuteAsync(new GraphQL.Transport.GraphQLRequest { Query = Page, Variables = Variables(cursor) }, buffer);
            using var json = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
            cursor = json.RootElement.GetProperty("data").GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        _deepCursor = cursor!;
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true)]
    public Task FirstPage() => _pipeline.ExecuteAsync(new GraphQL.Transport.GraphQLRequest { Query = Page }, Stream.Null);

    [Benchmark]
    public Task FirstPageWithTotalCount() => _pipeline.ExecuteAsync(PageWithCount, Stream.Null);

    [Benchmark]
    public Task PageTwentyOneByCursor() => _pipeline.ExecuteAsync(new GraphQL.Transport.GraphQLRequest { Query = Page, Variables = Variables(_deepCursor) }, Stream.Null);

    [Benchmark]
    public Task NamePrefixSearch() => _pipeline.ExecuteAsync(NameSearch, Stream.Null);

    private static GraphQL.Inputs Variables(string? after) =>
        new(new Dictionary<string, object?> { ["after"] = after });
}
