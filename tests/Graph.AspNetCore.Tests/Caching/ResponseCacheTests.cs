using Graph.AspNetCore.Caching;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Tests.Caching;

public class ResponseCacheTests
{
    [Fact]
    public void A_stored_result_is_served_until_one_of_its_tags_is_invalidated()
    {
        using var cache = NewCache();
        cache.TryStore("k", Entry(cache.Stamp(), "Product:1", "Products"));

        Assert.True(cache.TryGet("k", out _));
        cache.Invalidate(["Product:2", "Category:1/products"]);
        Assert.True(cache.TryGet("k", out _));
        cache.Invalidate(["Products"]);
        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public void A_result_computed_before_a_commit_is_not_stored_after_its_invalidation()
    {
        using var cache = NewCache();
        var stamp = cache.Stamp(); // the computation starts and reads the old data…
        cache.Invalidate(["Product:1"]); // …a change commits and invalidates…

        Assert.False(cache.TryStore("k", Entry(stamp, "Product:1"))); // …its result is refused
        Assert.False(cache.TryGet("k", out _));
        Assert.True(cache.TryStore("k", Entry(cache.Stamp(), "Product:1"))); // a computation started after it is fine
    }

    [Fact]
    public void A_result_stored_just_before_an_invalidation_of_what_it_read_is_not_served()
    {
        using var cache = NewCache();
        var entry = Entry(cache.Stamp(), "Product:1");
        cache.TryStore("k", entry);
        cache.Invalidate(["Product:1"]);

        Assert.False(cache.IsCurrent(entry));
        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public void A_suspended_cache_serves_and_stores_nothing_and_resumes_empty()
    {
        using var cache = NewCache();
        var before = Entry(cache.Stamp(), "Product:1");
        cache.TryStore("k", before);

        cache.Suspend();
        Assert.False(cache.IsAvailable);
        Assert.False(cache.TryGet("k", out _));
        Assert.False(cache.TryStore("k", Entry(cache.Stamp(), "Product:1")));

        cache.Resume();
        Assert.True(cache.IsAvailable);
        Assert.False(cache.TryGet("k", out _));
        Assert.False(cache.TryStore("k", before)); // computed before the outage: never trusted again
        Assert.True(cache.TryStore("k", Entry(cache.Stamp(), "Product:1")));
        Assert.True(cache.TryGet("k", out _));
    }

    [Fact]
    public async Task Concurrent_misses_on_one_key_share_one_computation()
    {
        using var cache = NewCache();
        Assert.True(cache.BeginComputation("k", out _, out var computation));
        Assert.False(cache.BeginComputation("k", out var running, out _));
        Assert.False(running.IsCompleted);

        var entry = Entry(cache.Stamp(), "Product:1");
        cache.EndComputation("k", computation, entry);

        Assert.Same(entry, await running);
        Assert.True(cache.BeginComputation("k", out _, out _)); // the next miss computes again
    }

    [Fact]
    public void Off_it_holds_nothing()
    {
        using var cache = new ResponseCache(Options.Create(new GraphQLServerOptions()));

        Assert.False(cache.IsAvailable);
        Assert.False(cache.TryGet("k", out _));
    }

    [Theory]
    [InlineData("Product", "Products")]
    [InlineData("Category", "Categories")]
    [InlineData("Day", "Days")]
    [InlineData("Address", "Addresses")]
    public void A_types_list_tag_is_its_plural(string typeName, string tag) => Assert.Equal(tag, CacheTags.List(typeName));

    private static ResponseCache NewCache() => new(Options.Create(new GraphQLServerOptions { ResponseCache = { Enabled = true } }));

    private static CachedResponse Entry(long stamp, params string[] tags) => new([1, 2, 3], "application/json", "\"e\"", tags, stamp);
}
