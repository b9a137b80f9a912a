using System.Diagnostics;
using Graph.Api.Tests.Infrastructure;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>
/// Two instances (two applications in this process) on one PostgreSQL database and one real Redis:
/// a change committed on one drops the other's cached results too, and an instance that lost Redis
/// (and so may miss invalidations) serves nothing from its cache until Redis is back.
/// </summary>
public sealed class RedisInvalidationTests : IAsyncLifetime
{
    private const string UpdateProduct = "mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { errors { __typename } } }";
    private const string NovelSlug = "classic-novel-1";

    private TwoInstancesOnRedis _instances = null!;

    private ShopApiFactory A => _instances.A;

    private ShopApiFactory B => _instances.B;

    private RedisServer Redis => _instances.Redis;

    public async Task InitializeAsync() => _instances = await TwoInstancesOnRedis.StartAsync();

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task A_change_committed_on_one_instance_drops_the_cached_pages_of_the_other()
    {
        using var onB = B.CreateClient();
        using var staffOnA = A.ClientFor(StaffId);
        using var adminOnA = A.ClientFor(AdminId);
        var page = new { slug = NovelSlug };

        // A restock (ProductStockChanged), a price edit (ProductChanged), a review (ReviewAdded).
        await A.SetStockAsync(Novel, 0);
        Assert.False((await onB.ReadCachedAsync(CachedReads.ProductPage, page)).Data!["productBySlug"]!["inStock"]!.GetValue<bool>());
        (await staffOnA.PostAsync(Operation("staff.graphql", "RestockProduct"), new { productId = ProductId(Novel), quantity = 3 })).AssertNoErrors();
        await EventuallyAsync(onB, CachedReads.ProductPage, page, p => p["productBySlug"]!["inStock"]!.GetValue<bool>());

        await onB.ReadCachedAsync(CachedReads.ProductPage, page);
        (await staffOnA.PostAsync(UpdateProduct, new { input = new { productId = ProductId(Novel), price = 77.77m } })).AssertNoErrors();
        await EventuallyAsync(onB, CachedReads.ProductPage, page, p => p["productBySlug"]!["price"]!.GetValue<decimal>() == 77.77m);

        var reviews = (await onB.ReadCachedAsync(CachedReads.ProductPage, page)).Data!["productBySlug"]!["reviewCount"]!.GetValue<int>();
        (await adminOnA.PostAsync("mutation ($id: ID!) { addReview(input: { productId: $id, rating: 5 }) { errors { __typename } } }", new { id = ProductId(Novel) })).AssertNoErrors();
        await EventuallyAsync(onB, CachedReads.ProductPage, page, p => p["productBySlug"]!["reviewCount"]!.GetValue<int>() == reviews + 1);
    }

    [Fact]
    public async Task An_instance_that_lost_redis_serves_nothing_from_its_cache_until_redis_is_back()
    {
        using var onB = B.CreateClient();
        using var staffOnA = A.ClientFor(StaffId);
        var page = new { slug = NovelSlug };
        await onB.ReadCachedAsync(CachedReads.ProductPage, page);

        await Redis.StopAsync();
        await WaitUntilAsync(async () => (await onB.ReadAsync(CachedReads.ProductPage, page)).Cache is null);

        // A change B cannot hear of while Redis is away: B must still show it.
        (await staffOnA.PostAsync(UpdateProduct, new { input = new { productId = ProductId(Novel), price = 55.55m } })).AssertNoErrors();
        var meanwhile = await onB.ReadAsync(CachedReads.ProductPage, page);
        Assert.Null(meanwhile.Cache);
        Assert.Equal(55.55m, meanwhile.Response.Data!["productBySlug"]!["price"]!.GetValue<decimal>());

        await Redis.StartAgainAsync();
        await WaitUntilAsync(async () => (await onB.ReadAsync(CachedReads.ProductPage, page)).IsHit);
        Assert.Equal(55.55m, (await onB.ReadAsync(CachedReads.ProductPage, page)).Response.Data!["productBySlug"]!["price"]!.GetValue<decimal>());
    }

    private static async Task EventuallyAsync(HttpClient client, string query, object variables, Func<System.Text.Json.Nodes.JsonNode, bool> fresh)
    {
        string? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var read = await client.ReadAsync(query, variables);
            last = read.Response.Text;
            if (fresh(read.Response.Data!))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The other instance still served the old result after 10 s: {last}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "The condition never came true.");
            await Task.Delay(100);
        }
    }
}
