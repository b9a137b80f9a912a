using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>
/// For each event a catalog change writes: a page read (and cached), the change made through the
/// API, the page read again — the new value, at once (the invalidation runs before the mutation's
/// response is sent).
/// </summary>
public sealed class InvalidationByEventTests : IDisposable
{
    private const string Books = "Q2F0ZWdvcnk6MQ=="; // Category:1
    private const string NovelSlug = "classic-novel-1";
    private const string UpdateProduct = """
        mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { product { id } errors { __typename } } }
        """;

    private readonly ShopApiFactory _factory = new();
    private readonly HttpClient _anonymous;

    public InvalidationByEventTests() => _anonymous = _factory.CreateClient();

    public void Dispose()
    {
        _anonymous.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_restock_shows_at_once_on_the_product_page_and_in_the_lists_filtered_on_stock()
    {
        await _factory.SetStockAsync(Novel, 0);
        var inStockOnly = new { first = 50, where = new { inStock = new { eq = true } } };
        Assert.DoesNotContain(ProductId(Novel), Ids(await _anonymous.ReadCachedAsync(CachedReads.Storefront, inStockOnly)));
        Assert.False(NovelIn(await _anonymous.ReadCachedAsync(CachedReads.CategoryPage, new { slug = "books", first = 50 }))["inStock"]!.GetValue<bool>());
        Assert.False((await _anonymous.ReadCachedAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Data!["productBySlug"]!["inStock"]!.GetValue<bool>());

        using var staff = _factory.ClientFor(StaffId);
        (await staff.PostAsync(Operation("staff.graphql", "RestockProduct"), new { productId = ProductId(Novel), quantity = 2 })).AssertNoErrors();

        var storefront = await _anonymous.ReadAsync(CachedReads.Storefront, inStockOnly);
        Assert.False(storefront.IsHit);
        Assert.Contains(ProductId(Novel), Ids(storefront.Response));
        Assert.True(NovelIn((await _anonymous.ReadAsync(CachedReads.CategoryPage, new { slug = "books", first = 50 })).Response)["inStock"]!.GetValue<bool>());
        Assert.True((await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Response.Data!["productBySlug"]!["inStock"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_price_and_name_edit_shows_at_once_everywhere_the_product_is_shown()
    {
        await _anonymous.ReadCachedAsync(CachedReads.Storefront, new { first = 50, order = new[] { new { price = "DESC" } } });
        await _anonymous.ReadCachedAsync(CachedReads.CategoryPage, new { slug = "books", first = 50 });
        await _anonymous.ReadCachedAsync(CachedReads.ProductPage, new { slug = NovelSlug });

        using var staff = _factory.ClientFor(StaffId);
        (await staff.PostAsync(UpdateProduct, new { input = new { productId = ProductId(Novel), price = 999.5m, name = "Renamed Novel" } })).AssertNoErrors();

        var storefront = (await _anonymous.ReadAsync(CachedReads.Storefront, new { first = 50, order = new[] { new { price = "DESC" } } })).Response;
        var first = storefront.Data!["products"]!["nodes"]![0]!;
        Assert.Equal(ProductId(Novel), first["id"]!.GetValue<string>()); // the dearest now: the order moved too
        Assert.Equal(999.5m, first["price"]!.GetValue<decimal>());
        Assert.Equal("Renamed Novel", NovelIn((await _anonymous.ReadAsync(CachedReads.CategoryPage, new { slug = "books", first = 50 })).Response)["name"]!.GetValue<string>());
        var page = (await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Response.Data!["productBySlug"]!;
        Assert.Equal(999.5m, page["price"]!.GetValue<decimal>());
        Assert.Equal("Renamed Novel", page["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_product_moved_to_another_section_leaves_the_old_sections_page_and_enters_the_new_one()
    {
        var categories = (await _anonymous.ReadCachedAsync("{ categories { id slug } }")).Data!["categories"]!.AsArray();
        var other = categories.First(c => c!["id"]!.GetValue<string>() != Books)!;
        var otherSlug = other["slug"]!.GetValue<string>();
        Assert.Contains(ProductId(Novel), Ids(await _anonymous.ReadCachedAsync(CachedReads.CategoryPage, new { slug = "books", first = 50 })));
        Assert.DoesNotContain(ProductId(Novel), Ids(await _anonymous.ReadCachedAsync(CachedReads.CategoryPage, new { slug = otherSlug, first = 50 })));

        using var staff = _factory.ClientFor(StaffId);
        (await staff.PostAsync(UpdateProduct, new { input = new { productId = ProductId(Novel), categoryId = other["id"]!.GetValue<string>() } })).AssertNoErrors();

        Assert.DoesNotContain(ProductId(Novel), Ids((await _anonymous.ReadAsync(CachedReads.CategoryPage, new { slug = "books", first = 50 })).Response));
        Assert.Contains(ProductId(Novel), Ids((await _anonymous.ReadAsync(CachedReads.CategoryPage, new { slug = otherSlug, first = 50 })).Response));
        Assert.Equal(otherSlug, (await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Response.Data!["productBySlug"]!["category"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_product_enters_the_lists_and_its_page_exists_at_once()
    {
        var before = (await _anonymous.ReadCachedAsync(CachedReads.Storefront, new { first = 1 })).Data!["products"]!["totalCount"]!.GetValue<int>();
        Assert.Null((await _anonymous.ReadCachedAsync(CachedReads.ProductPage, new { slug = "aaa-brand-new" })).Data!["productBySlug"]);
        await _anonymous.ReadCachedAsync(CachedReads.CategoryPage, new { slug = "books", first = 1 });

        using var staff = _factory.ClientFor(StaffId);
        var input = new { sku = "NEW-1", name = "AAA Brand New", price = 1.5m, stock = 0, categoryId = Books };
        (await staff.PostAsync(Operation("staff.graphql", "CreateProduct"), new { input })).AssertNoErrors();

        Assert.Equal(before + 1, (await _anonymous.ReadAsync(CachedReads.Storefront, new { first = 1 })).Response.Data!["products"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("AAA Brand New", (await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = "aaa-brand-new" })).Response.Data!["productBySlug"]!["name"]!.GetValue<string>());
        var firstInBooks = (await _anonymous.ReadAsync(CachedReads.CategoryPage, new { slug = "books", first = 1 })).Response.Data!["categoryBySlug"]!["products"]!["nodes"]![0]!;
        Assert.Equal("AAA Brand New", firstInBooks["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_review_shows_at_once_in_the_rating_and_the_reviews_of_the_product_page()
    {
        var before = (await _anonymous.ReadCachedAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Data!["productBySlug"]!;
        var count = before["reviewCount"]!.GetValue<int>();
        await _anonymous.ReadCachedAsync(CachedReads.Storefront, new { first = 50 });

        using var admin = _factory.ClientFor(AdminId); // the seed has admin review nothing
        var added = await admin.PostAsync(
            "mutation ($id: ID!) { addReview(input: { productId: $id, rating: 1, body: \"Fresh review\" }) { review { id } errors { __typename } } }",
            new { id = ProductId(Novel) });
        added.AssertNoErrors();
        Assert.Empty(added.Data!["addReview"]!.ErrorTypes());

        var after = (await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Response.Data!["productBySlug"]!;
        Assert.Equal(count + 1, after["reviewCount"]!.GetValue<int>());
        Assert.Equal("Fresh review", after["reviews"]!["nodes"]![0]!["body"]!.GetValue<string>());
        var listed = NovelIn((await _anonymous.ReadAsync(CachedReads.Storefront, new { first = 50 })).Response);
        Assert.Equal(count + 1, listed["reviewCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_checkout_that_sells_the_last_unit_and_its_cancellation_show_at_once()
    {
        await _factory.SetStockAsync(Novel, 1);
        Assert.True((await _anonymous.ReadCachedAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Data!["productBySlug"]!["inStock"]!.GetValue<bool>());

        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        Assert.False((await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Response.Data!["productBySlug"]!["inStock"]!.GetValue<bool>());
        Assert.True((await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).IsHit);

        using var alice = _factory.ClientFor(AliceId);
        (await alice.PostAsync(Operation("orders.graphql", "CancelOrder"), new { orderId })).AssertNoErrors();
        Assert.True((await _anonymous.ReadAsync(CachedReads.ProductPage, new { slug = NovelSlug })).Response.Data!["productBySlug"]!["inStock"]!.GetValue<bool>());
    }

    private static List<string> Ids(GraphQLResponse response) =>
        Nodes(response).Select(n => n!["id"]!.GetValue<string>()).ToList();

    private static JsonNode NovelIn(GraphQLResponse response) =>
        Nodes(response).Single(n => n!["id"]!.GetValue<string>() == ProductId(ShopKit.Novel))!;

    private static JsonArray Nodes(GraphQLResponse response) =>
        (response.Data!["products"] ?? response.Data!["categoryBySlug"]!["products"])!["nodes"]!.AsArray();
}
