using System.Diagnostics;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;

namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// The response cache across the scale-out topology: a page cached by the second instance shows a
/// change made through the first (each kind of catalog event), as the outbox's events reach it
/// over Redis; the first shows it at once (read-your-writes).
/// </summary>
[Collection(ScaleoutGroup.Name)]
public sealed class ScaleoutResponseCacheTests(ScaleoutFixture fixture) : IClassFixture<ScaleoutFixture>
{
    private const int Product = 23; // a product no other scale-out test touches
    private const string UpdateProduct = "mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { errors { __typename } } }";
    private const string Page = "query ($id: ID!) { node(id: $id) { ... on Product { price inStock reviewCount } } }";
    private ScaleoutTopology Topology => fixture.Topology;
    private ScaleoutKit Kit => fixture.Kit;

    [Fact]
    public async Task Each_catalog_event_made_on_one_instance_reaches_the_cached_pages_of_another()
    {
        var id = ShopKit.ProductId(Product);
        using var first = Kit.ClientFor(ShopKit.StaffId, Topology.InstanceUrl(0));
        using var reviewer = Kit.ClientFor(ShopKit.AdminId, Topology.InstanceUrl(0));
        using var second = new HttpClient { BaseAddress = new Uri(Topology.InstanceUrl(1), "/") };
        await Kit.SetStockAsync(Product, 0);

        // Cached on the second instance (read twice), then changed through the first.
        var before = await ReadTwiceAsync(second, id);
        Assert.False(before["inStock"]!.GetValue<bool>());
        (await first.PostAsync(ShopKit.Operation("staff.graphql", "RestockProduct"), new { productId = id, quantity = 2 })).AssertNoErrors();
        Assert.True((await first.PostAsync(Page, new { id })).Data!["node"]!["inStock"]!.GetValue<bool>());
        await EventuallyAsync(second, id, p => p["inStock"]!.GetValue<bool>());

        await ReadTwiceAsync(second, id);
        (await first.PostAsync(UpdateProduct, new { input = new { productId = id, price = 123.45m } })).AssertNoErrors();
        await EventuallyAsync(second, id, p => p["price"]!.GetValue<decimal>() == 123.45m);

        var reviews = (await ReadTwiceAsync(second, id))["reviewCount"]!.GetValue<int>();
        (await reviewer.PostAsync("mutation ($id: ID!) { addReview(input: { productId: $id, rating: 4 }) { errors { __typename } } }", new { id })).AssertNoErrors();
        await EventuallyAsync(second, id, p => p["reviewCount"]!.GetValue<int>() == reviews + 1);
    }

    private static async Task<JsonNode> ReadTwiceAsync(HttpClient client, string id)
    {
        var once = await client.PostAsync(Page, new { id });
        once.AssertNoErrors();
        var twice = await client.PostAsync(Page, new { id });
        Assert.Equal(once.Text, twice.Text);
        return twice.Data!["node"]!;
    }

    private static async Task EventuallyAsync(HttpClient client, string id, Func<JsonNode, bool> fresh)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var read = await client.PostAsync(Page, new { id });
            last = read.Text;
            if (fresh(read.Data!["node"]!))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The second instance still served the old page after 10 s: {last}");
    }
}
