using Graph.AspNetCore.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

public class CacheOnlyDataLoaderTests
{
    [Fact]
    public async Task Serves_what_was_set()
    {
        var cache = new CacheOnlyDataLoader<int, string>();
        cache.Set(1, "one");

        Assert.Equal("one", await cache.LoadAsync(1).GetResultAsync());
        Assert.True(cache.TryGet(1, out var value));
        Assert.Equal("one", value);
    }

    [Fact]
    public async Task A_key_never_set_resolves_to_null()
    {
        var cache = new CacheOnlyDataLoader<int, string>();

        Assert.Null(await cache.LoadAsync(1).GetResultAsync());
        Assert.False(cache.TryGet(2, out _));
    }

    [Fact]
    public async Task A_value_set_by_a_sibling_field_of_the_same_wave_reaches_the_waiting_field()
    {
        var cache = new CacheOnlyDataLoader<int, string>();

        var asked = cache.LoadAsync(1);
        cache.Set(1, "set later in the wave");

        Assert.Equal("set later in the wave", await asked.GetResultAsync());
    }

    [Fact]
    public async Task Setting_again_replaces_the_value_for_later_loads()
    {
        var cache = new CacheOnlyDataLoader<int, string>();
        Assert.Null(await cache.LoadAsync(1).GetResultAsync());

        cache.Set(1, "now known");

        Assert.Equal("now known", await cache.LoadAsync(1).GetResultAsync());
    }

    [Fact]
    public async Task A_batch_loader_can_fill_a_cache_only_loader()
    {
        // e.g. an orders query that also returned each order's customer
        var customers = new CacheOnlyDataLoader<int, string>();
        var orders = new FuncBatchDataLoader<int, string>((keys, _) =>
        {
            foreach (var key in keys)
            {
                customers.Set(key * 10, $"customer of order {key}");
            }

            return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(key => key, key => $"order {key}"));
        });

        await Wave.Complete(orders.LoadAsync(1), orders.LoadAsync(2));

        Assert.Equal("customer of order 2", await customers.LoadAsync(20).GetResultAsync());
    }
}
