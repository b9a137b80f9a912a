using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

public class DataLoaderResultTests
{
    [Fact]
    public async Task Then_maps_the_loaded_value()
    {
        var loader = new RecordingLoader();

        IDataLoaderResult<int> length = loader.LoadAsync(123).Then(value => value!.Length);

        Assert.Equal(4, await length.GetResultAsync());
    }

    [Fact]
    public async Task Then_can_continue_asynchronously_with_the_requests_token()
    {
        using var request = new CancellationTokenSource();
        var loader = new RecordingLoader();
        CancellationToken seen = default;

        var upper = loader.LoadAsync(1).Then(async (value, token) =>
        {
            seen = token;
            await Task.Yield();
            return value!.ToUpperInvariant();
        });

        Assert.Equal("V1", await upper.GetResultAsync(request.Token));
        Assert.Equal(request.Token, seen);
    }

    [Fact]
    public async Task Then_with_an_async_lambda_awaits_it_rather_than_returning_the_task()
    {
        var loader = new RecordingLoader();

        IDataLoaderResult<string> upper = loader.LoadAsync(1).Then(async value =>
        {
            await Task.Yield();
            return value!.ToUpperInvariant();
        });

        Assert.Equal("V1", await upper.GetResultAsync());
    }

    [Fact]
    public async Task Then_chains_a_second_load_and_typed_callers_get_its_value()
    {
        var first = new RecordingLoader();
        var second = new RecordingLoader();

        // The declared type checks that the chaining overload, not the mapping one, was chosen.
        IDataLoaderResult<string?> chained = first.LoadAsync(1).Then(value => second.LoadAsync(value!.Length));

        Assert.Equal("v2", await chained.GetResultAsync());
    }

    [Fact]
    public async Task The_engine_gets_a_chained_second_load_still_pending_so_siblings_batch_it_together()
    {
        var first = new RecordingLoader();
        var second = new RecordingLoader();
        IDataLoaderResult[] fields = [.. Enumerable.Range(1, 5).Select(key => first.LoadAsync(key).Then(value => second.LoadAsync(key * 10)))];

        // Round one: the engine awaits every field; each hands back its second load, unsent.
        var next = await Task.WhenAll(fields.Select(field => field.GetResultAsync(default)));
        Assert.Empty(second.Batches);

        // Round two: the second loads of all five fields leave as one batch.
        var values = await Task.WhenAll(next.Cast<IDataLoaderResult>().Select(field => field.GetResultAsync(default)));
        Assert.Equal([10, 20, 30, 40, 50], Assert.Single(second.Batches));
        Assert.Equal(["v10", "v20", "v30", "v40", "v50"], values);
    }

    [Fact]
    public async Task A_known_value_can_stand_in_for_a_load()
    {
        IDataLoaderResult untyped = DataLoaderResult.FromValue<string?>(null);

        Assert.Null(await untyped.GetResultAsync(default));
        Assert.Equal(3, await DataLoaderResult.FromValue(3).GetResultAsync());
    }

    [Fact]
    public async Task A_failure_flows_through_Then()
    {
        var loader = new RecordingLoader { BeforeAnswer = (_, _) => throw new InvalidOperationException("down") };

        var mapped = loader.LoadAsync(1).Then(value => value!.Length);

        await Assert.ThrowsAsync<InvalidOperationException>(() => mapped.GetResultAsync());
    }
}
