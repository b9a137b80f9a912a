using Graph.AspNetCore.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

public class BatchSizeTests
{
    [Fact]
    public void The_default_maximum_stays_under_SQLites_parameter_limit()
    {
        Assert.Equal(500, DataLoaderOptions.Default.MaxBatchSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoaderOptions { MaxBatchSize = 0 });
    }

    [Fact]
    public async Task More_keys_than_the_maximum_are_split_and_all_batches_leave_together()
    {
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new RecordingLoader(new DataLoaderOptions { MaxBatchSize = 500 });
        loader.BeforeAnswer = async (_, _) =>
        {
            if (loader.Batches.Count == 3)
            {
                allStarted.TrySetResult();
            }

            await release.Task;
        };

        var keys = Enumerable.Range(1, 1_200).ToArray();
        var wave = Wave.Complete(keys.Select(loader.LoadAsync));

        // No batch has answered yet, yet all three have started: one wave, three queries in flight.
        await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        var values = await wave;

        Assert.Equal(new[] { 500, 500, 200 }, loader.Batches.Select(batch => batch.Length));
        Assert.Equal(keys, loader.AllKeysFetched);
        Assert.Equal(keys.Select(key => $"v{key}"), values);
    }

    [Fact]
    public async Task Duplicates_do_not_count_towards_the_maximum()
    {
        var loader = new RecordingLoader(new DataLoaderOptions { MaxBatchSize = 3 });

        await Wave.Complete(new[] { 1, 2, 1, 3, 2, 3 }.Select(loader.LoadAsync));

        Assert.Equal([1, 2, 3], Assert.Single(loader.Batches));
    }
}
