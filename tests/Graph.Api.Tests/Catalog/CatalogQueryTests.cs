using Graph.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Graph.Api.Tests.Catalog;

public sealed class CatalogQueryTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();
    private readonly HttpClient _client;

    public CatalogQueryTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

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
}
