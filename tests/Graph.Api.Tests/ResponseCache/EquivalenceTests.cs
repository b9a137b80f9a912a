using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>
/// Property: whatever catalog changes come between them, a read answered with the cache on is the
/// read the cache off gives. Two instances on one database, one with the cache and one without;
/// random mutations (restocks, edits, moves, new products, reviews, sales) through the cached one,
/// interleaved with random Storefront, CategoryPage and ProductPage reads on both.
/// </summary>
public sealed class EquivalenceTests : IDisposable
{
    private const string UpdateProduct = "mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { errors { __typename } } }";
    private const string AddReview = "mutation ($id: ID!, $rating: Int!) { addReview(input: { productId: $id, rating: $rating }) { errors { __typename } } }";

    private readonly ShopApiFactory _cached = new();
    private readonly ShopApiFactory _uncached;

    public EquivalenceTests()
    {
        _uncached = new ShopApiFactory();
        _uncached.Settings["ConnectionStrings:Shop"] = _cached.ConnectionString;
        _uncached.Settings["GraphQL:ResponseCache:Enabled"] = "false";
    }

    public void Dispose()
    {
        _uncached.Dispose();
        _cached.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Cached_reads_equal_uncached_reads_between_random_catalog_changes(int seed)
    {
        var random = new Random(seed);
        using var withCache = _cached.CreateClient();
        using var withoutCache = _uncached.CreateClient();
        using var staff = _cached.ClientFor(StaffId);
        var reviewers = new[] { _cached.ClientFor(AdminId), _cached.ClientFor(AliceId), _cached.ClientFor(BobId) };
        var categories = (await withoutCache.PostAsync("{ categories { id slug } }")).Data!["categories"]!.AsArray()
            .Select(c => (Id: c!["id"]!.GetValue<string>(), Slug: c["slug"]!.GetValue<string>())).ToList();
        var products = Enumerable.Range(1, 12).ToList();
        var slugs = (await withoutCache.PostAsync("{ products(first: 4) { nodes { slug } } }")).Data!["products"]!["nodes"]!.AsArray()
            .Select(n => n!["slug"]!.GetValue<string>()).Append("no-such-product").ToList();
        var hits = 0;

        for (var step = 0; step < 120; step++)
        {
            if (random.Next(4) == 0)
            {
                await ChangeAsync(random, staff, reviewers[random.Next(reviewers.Length)], categories, products);
                continue;
            }

            var (query, variables) = RandomRead(random, categories, slugs);
            var read = await withCache.ReadAsync(query, variables);
            var truth = await withoutCache.ReadAsync(query, variables);
            Assert.Null(truth.Cache);
            Assert.True(truth.Response.Text == read.Response.Text, $"Step {step} ({read.Cache}): {query} {System.Text.Json.JsonSerializer.Serialize(variables)}\ncached:   {read.Response.Text}\nuncached: {truth.Response.Text}");
            hits += read.IsHit ? 1 : 0;
        }

        Assert.True(hits > 10, $"Only {hits} reads came from the cache: the property was barely tested.");
        foreach (var reviewer in reviewers)
        {
            reviewer.Dispose();
        }
    }

    private async Task ChangeAsync(Random random, HttpClient staff, HttpClient reviewer, List<(string Id, string Slug)> categories, List<int> products)
    {
        var product = ProductId(products[random.Next(products.Count)]);
        switch (random.Next(6))
        {
            case 0:
                (await staff.PostAsync(Operation("staff.graphql", "RestockProduct"), new { productId = product, quantity = random.Next(1, 5) })).AssertNoErrors();
                break;
            case 1:
                (await staff.PostAsync(UpdateProduct, new { input = new { productId = product, price = random.Next(1, 200) + 0.99m } })).AssertNoErrors();
                break;
            case 2:
                (await staff.PostAsync(UpdateProduct, new { input = new { productId = product, name = "Item " + random.Next(1000), categoryId = categories[random.Next(categories.Count)].Id } })).AssertNoErrors();
                break;
            case 3:
                var input = new { sku = "RND-" + Guid.NewGuid().ToString("N")[..8], name = "Random " + random.Next(1000), price = 9.99m, stock = random.Next(0, 3), categoryId = categories[random.Next(categories.Count)].Id };
                var created = await staff.PostAsync(Operation("staff.graphql", "CreateProduct"), new { input });
                created.AssertNoErrors();
                break;
            case 4:
                (await reviewer.PostAsync(AddReview, new { id = product, rating = random.Next(1, 6) })).AssertNoErrors();
                break;
            default:
                // A sale: stock down, possibly to nothing.
                await _cached.SetStockAsync(products[0], 1); // arranged directly: the sale itself goes through the API
                await _cached.PlaceOrderAsync(AliceId, products[0], 1);
                break;
        }
    }

    private static (string Query, object Variables) RandomRead(Random random, List<(string Id, string Slug)> categories, List<string> slugs)
    {
        switch (random.Next(3))
        {
            case 0:
                object[] orders = [new { name = "ASC" }, new { price = "DESC" }, new { createdAt = "DESC" }];
                var where = random.Next(2) == 0 ? null : new JsonObject { ["inStock"] = new JsonObject { ["eq"] = true } };
                return (CachedReads.Storefront, new { first = random.Next(2) == 0 ? 5 : 12, where, order = new[] { orders[random.Next(orders.Length)] } });
            case 1:
                return (CachedReads.CategoryPage, new { slug = categories[random.Next(categories.Count)].Slug, first = random.Next(2) == 0 ? 5 : 20 });
            default:
                return (CachedReads.ProductPage, new { slug = slugs[random.Next(slugs.Count)] });
        }
    }
}
