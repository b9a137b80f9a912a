using Graph.AspNetCore.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

public class BatchingTests
{
    [Fact]
    public async Task Loads_of_one_wave_go_out_as_one_batch_with_every_key()
    {
        var loader = new RecordingLoader();

        var values = await Wave.Complete(Enumerable.Range(1, 20).Select(loader.LoadAsync));

        var batch = Assert.Single(loader.Batches);
        Assert.Equal(Enumerable.Range(1, 20), batch);
        Assert.Equal(Enumerable.Range(1, 20).Select(key => $"v{key}"), values);
    }

    [Fact]
    public async Task Nothing_is_fetched_until_a_result_is_awaited()
    {
        var loader = new RecordingLoader();

        var pending = loader.LoadAsync(1);

        Assert.Empty(loader.Batches);
        Assert.Equal("v1", await pending.GetResultAsync());
    }

    [Fact]
    public async Task The_same_key_twice_in_a_wave_is_fetched_once()
    {
        var loader = new RecordingLoader();

        var values = await Wave.Complete(loader.LoadAsync(7), loader.LoadAsync(8), loader.LoadAsync(7));

        Assert.Equal([7, 8], Assert.Single(loader.Batches));
        Assert.Equal(Expected.Values("v7", "v8", "v7"), values);
    }

    [Fact]
    public async Task A_key_fetched_in_an_earlier_wave_is_not_fetched_again()
    {
        var loader = new RecordingLoader();
        await Wave.Complete(loader.LoadAsync(1), loader.LoadAsync(2));

        var values = await Wave.Complete(loader.LoadAsync(2), loader.LoadAsync(3));

        Assert.Equal(2, loader.Batches.Count);
        Assert.Equal([3], loader.Batches.Last());
        Assert.Equal(Expected.Values("v2", "v3"), values);
    }

    [Fact]
    public async Task A_cached_key_resolves_without_a_batch()
    {
        var loader = new RecordingLoader();
        await loader.LoadAsync(1).GetResultAsync();

        var cached = loader.LoadAsync(1).GetResultAsync();

        Assert.True(cached.IsCompletedSuccessfully);
        Assert.Single(loader.Batches);
    }

    [Fact]
    public async Task Each_wave_sends_only_the_keys_queued_since_the_last_batch()
    {
        var loader = new RecordingLoader();

        await Wave.Complete(loader.LoadAsync(1), loader.LoadAsync(2));
        await Wave.Complete(loader.LoadAsync(3), loader.LoadAsync(4));

        Assert.Equal([[1, 2], [3, 4]], loader.Batches);
    }

    [Fact]
    public async Task A_missing_key_resolves_to_null_and_the_others_to_their_values()
    {
        var loader = new RecordingLoader { Exists = key => key != 2 };

        var values = await Wave.Complete(loader.LoadAsync(1), loader.LoadAsync(2), loader.LoadAsync(3));

        Assert.Equal(Expected.Values("v1", null, "v3"), values);
    }

    [Fact]
    public async Task A_missing_key_is_cached_as_missing()
    {
        var loader = new RecordingLoader { Exists = _ => false };
        await loader.LoadAsync(1).GetResultAsync();

        Assert.Null(await loader.LoadAsync(1).GetResultAsync());
        Assert.Single(loader.Batches);
    }

    [Fact]
    public async Task Values_a_batch_returns_for_keys_nobody_asked_for_are_ignored()
    {
        var loader = new FuncBatchDataLoader<int, string>((keys, _) =>
            Task.FromResult<IReadOnlyDictionary<int, string>>(new Dictionary<int, string> { [1] = "one", [99] = "stray" }));

        Assert.Equal("one", await loader.LoadAsync(1).GetResultAsync());
        Assert.False(loader.TryGet(99, out _));
    }

    [Fact]
    public async Task LoadMany_answers_in_the_order_asked_and_joins_the_wave_batch()
    {
        var loader = new RecordingLoader { Exists = key => key != 4 };

        var many = loader.LoadManyAsync([3, 1, 4, 1]);
        var single = loader.LoadAsync(5);
        var values = await many.GetResultAsync();

        Assert.Equal(Expected.Values("v3", "v1", null, "v1"), values);
        Assert.Equal([3, 1, 4, 5], Assert.Single(loader.Batches));
        Assert.Equal("v5", await single.GetResultAsync());
    }

    [Fact]
    public async Task A_value_set_by_hand_is_served_without_a_fetch()
    {
        var loader = new RecordingLoader();
        loader.Set(1, "primed");

        Assert.Equal("primed", await loader.LoadAsync(1).GetResultAsync());
        Assert.Empty(loader.Batches);
    }

    [Fact]
    public async Task A_value_set_while_queued_answers_the_waiting_field_and_is_not_fetched()
    {
        var loader = new RecordingLoader();
        var pending = loader.LoadAsync(1);
        var other = loader.LoadAsync(2);

        loader.Set(1, "primed");

        Assert.Equal(Expected.Values("primed", "v2"), await Wave.Complete(pending, other));
        Assert.Equal([2], Assert.Single(loader.Batches));
    }

    [Fact]
    public async Task TryGet_sees_only_values_already_loaded()
    {
        var loader = new RecordingLoader();
        var pending = loader.LoadAsync(1);

        Assert.False(loader.TryGet(1, out _));
        await pending.GetResultAsync();
        Assert.True(loader.TryGet(1, out var value));
        Assert.Equal("v1", value);
    }

    [Fact]
    public async Task A_removed_key_is_fetched_again()
    {
        var loader = new RecordingLoader();
        await loader.LoadAsync(1).GetResultAsync();

        Assert.True(loader.Remove(1));
        await loader.LoadAsync(1).GetResultAsync();

        Assert.Equal(2, loader.Batches.Count);
    }
}
