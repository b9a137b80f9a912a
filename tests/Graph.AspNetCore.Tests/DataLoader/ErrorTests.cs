using Graph.AspNetCore.DataLoader;
using GraphQL;

namespace Graph.AspNetCore.Tests.DataLoader;

public class ErrorTests
{
    /// <summary>Answers every key but reports key 2 as forbidden, the way an authorization check would.</summary>
    private sealed class ForbidsTwo : RecordingLoader
    {
        protected override async Task FetchAsync(IReadOnlyList<int> keys, BatchResults<int, string?> results, CancellationToken cancellationToken)
        {
            await base.FetchAsync(keys, results, cancellationToken);
            results.SetError(2, new ExecutionError("Not yours.") { Code = "FORBIDDEN" });
        }
    }

    [Fact]
    public async Task A_failing_batch_fails_every_field_that_asked_for_one_of_its_keys()
    {
        var failure = new InvalidOperationException("database down");
        var loader = new RecordingLoader { BeforeAnswer = (_, _) => throw failure };

        var results = new[] { loader.LoadAsync(1), loader.LoadAsync(2), loader.LoadAsync(1) };
        var awaited = results.Select(result => result.GetResultAsync()).ToArray();

        foreach (var field in awaited)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => field));
        }
    }

    [Fact]
    public async Task Another_loader_in_the_same_wave_is_unaffected()
    {
        var failing = new RecordingLoader { BeforeAnswer = (_, _) => throw new InvalidOperationException("down") };
        var healthy = new RecordingLoader();

        var broken = failing.LoadAsync(1).GetResultAsync();
        var fine = healthy.LoadAsync(1).GetResultAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.Equal("v1", await fine);
    }

    [Fact]
    public async Task Only_the_failing_batch_of_a_split_wave_fails()
    {
        var loader = new RecordingLoader(new DataLoaderOptions { MaxBatchSize = 2 })
        {
            BeforeAnswer = (batch, _) => batch.Contains(3) ? throw new InvalidOperationException("bad page") : Task.CompletedTask,
        };

        var loads = Enumerable.Range(1, 4).Select(loader.LoadAsync).ToArray();
        var tasks = loads.Select(load => load.GetResultAsync()).ToArray();

        Assert.Equal("v1", await tasks[0]);
        Assert.Equal("v2", await tasks[1]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[2]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[3]);
    }

    [Fact]
    public async Task A_failed_batch_is_not_cached_so_a_later_wave_can_retry()
    {
        var loader = new RecordingLoader { BeforeAnswer = (_, _) => throw new InvalidOperationException("blip") };
        await Assert.ThrowsAsync<InvalidOperationException>(() => loader.LoadAsync(1).GetResultAsync());

        loader.BeforeAnswer = null;

        Assert.Equal("v1", await loader.LoadAsync(1).GetResultAsync());
        Assert.Equal(2, loader.Batches.Count);
    }

    [Fact]
    public async Task A_batch_that_throws_before_its_first_await_still_fails_only_its_fields()
    {
        var loader = new FuncBatchDataLoader<int, string>((_, _) => throw new InvalidOperationException("sync"));

        var pending = loader.LoadAsync(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pending.GetResultAsync());
    }

    [Fact]
    public async Task A_per_key_error_fails_that_key_only()
    {
        var loader = new ForbidsTwo();

        var one = loader.LoadAsync(1).GetResultAsync();
        var two = loader.LoadAsync(2).GetResultAsync();
        var three = loader.LoadAsync(3).GetResultAsync();

        Assert.Equal("v1", await one);
        Assert.Equal("FORBIDDEN", (await Assert.ThrowsAsync<ExecutionError>(() => two)).Code);
        Assert.Equal("v3", await three);
    }

    [Fact]
    public async Task A_per_key_error_is_cached_like_a_value()
    {
        var loader = new ForbidsTwo();
        await Assert.ThrowsAsync<ExecutionError>(() => loader.LoadAsync(2).GetResultAsync());

        await Assert.ThrowsAsync<ExecutionError>(() => loader.LoadAsync(2).GetResultAsync());

        Assert.Single(loader.Batches);
    }
}
