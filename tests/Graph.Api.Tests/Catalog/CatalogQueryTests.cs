using Graph.Api.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Graph.Api.Tests.Catalog;

/// <summary>Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.</summary>
public abstract class CatalogQueryTests(DatabaseProvider provider) : IDisposable
{
    private readonly ShopApiFactory _factory = new(provider);
    private HttpClient? _clientInstance;

    private HttpClient _client => _clientInstance ??= _factory.CreateClient();

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Categories_are_listed_by_name_with_global_ids()
    {
        var response = await _client.PostAsync("{ categories { id name slug } }");

        response.AssertNoErrors();
        Snapshot.Match(response.Pretty());
    }

    [Fact]
    public async Task Product_page_shows_price_stock_flag_category_and_rating()
    {
        var response = await _client.PostAsync(
            """
            query ($slug: String!) {
              productBySlug(slug: $slug) {
                id sku name slug description price inStock createdAt averageRating reviewCount
                category { id name slug }
              }
            }
            """,
            new { slug = "classic-novel-1" });

        response.AssertNoErrors();
        Snapshot.Match(response.Pretty());
    }

    [Fact]
    public async Task A_total_count_read_with_the_page_counts_the_whole_filtered_list()
    {
        var client = _client;
        var inStock = 0;
        string? after = null;
        bool more;
        do
        {
            var page = await client.PostAsync(
                "query ($after: String) { products(first: 50, after: $after, where: { inStock: { eq: true } }) { pageInfo { hasNextPage endCursor } nodes { id } } }",
                new { after });
            inStock += page.Data!["products"]!["nodes"]!.AsArray().Count;
            more = page.Data!["products"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = page.Data!["products"]!["pageInfo"]!["endCursor"]?.GetValue<string>();
        }
        while (more);

        var counted = await client.PostAsync("{ products(first: 3, where: { inStock: { eq: true } }, order: [{ price: DESC }]) { totalCount nodes { id } } }", new { });

        counted.AssertNoErrors();
        Assert.Equal(3, counted.Data!["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal(inStock, counted.Data!["products"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_empty_page_after_a_cursor_still_counts_the_whole_list()
    {
        var client = _client;
        var last = await client.PostAsync("{ products(last: 1) { totalCount pageInfo { endCursor } } }", new { });
        var total = last.Data!["products"]!["totalCount"]!.GetValue<int>();
        var end = last.Data!["products"]!["pageInfo"]!["endCursor"]!.GetValue<string>();

        var past = await client.PostAsync("query ($after: String) { products(first: 5, after: $after) { totalCount nodes { id } } }", new { after = end });

        past.AssertNoErrors();
        Assert.Empty(past.Data!["products"]!["nodes"]!.AsArray());
        Assert.True(total > 1);
        Assert.Equal(total, past.Data!["products"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_slugs_are_null_not_errors()
    {
        var response = await _client.PostAsync("""{ productBySlug(slug: "nope") { id } categoryBySlug(slug: "nope") { id } }""");

        response.AssertNoErrors();
        Assert.Null(response.Data?["productBySlug"]);
        Assert.Null(response.Data?["categoryBySlug"]);
    }

    [Fact]
    public async Task A_product_out_of_stock_is_not_in_stock()
    {
        // The demo seed leaves every ninth product (starting with the fifth) without stock.
        var response = await _client.PostAsync("""{ productBySlug(slug: "deluxe-anthology-5") { inStock } }""");

        response.AssertNoErrors();
        Assert.False(response.Data?["productBySlug"]?["inStock"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Filters_sorts_and_keyset_pages_give_the_same_rows_on_every_provider()
    {
        // Upper-case operands (matched regardless of case), a sort key with many ties (three prices
        // for sixty products), and pages of 7 stitched back together: one snapshot for both
        // providers, so the rows must agree.
        await using (var db = _factory.Db())
        {
            await db.Products.ExecuteUpdateAsync(s => s.SetProperty(p => p.Price, p => p.Id % 3 == 0 ? 10.5m : p.Id % 3 == 1 ? 20m : 0.99m));
        }

        const string Query = """
            query ($after: String) {
              products(first: 7, after: $after, order: [{ price: DESC }],
                       where: { or: [{ name: { contains: "LAMP" } }, { name: { startsWith: "CLASSIC" } }, { stock: { eq: 0 } }] }) {
                nodes { id name stock price createdAt }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;
        using var staff = _factory.ClientFor(ShopKit.StaffId); // stock is staff-only
        var rows = new List<string>();
        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var response = await staff.PostAsync(Query, new { after });
            response.AssertNoErrors();
            var products = response.Data!["products"]!;
            rows.AddRange(products["nodes"]!.AsArray().Select(n => n!.ToJsonString()));
            if (!products["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = products["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Snapshot.Match(rows);
    }

    public sealed class OnSqlite() : CatalogQueryTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : CatalogQueryTests(DatabaseProvider.Postgres);
}
