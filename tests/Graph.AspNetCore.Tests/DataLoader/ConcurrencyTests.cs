using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.DataLoader;

public class ConcurrencyTests
{
    /// <summary>Which simulated request a scope belongs to.</summary>
    public sealed class RequestTag
    {
        public int Value { get; set; }
    }

    /// <summary>Answers "{request}:{key}", so a value served to the wrong request shows.</summary>
    public sealed class TaggedLoader(RequestTag tag) : BatchDataLoader<int, string>
    {
        private int _batchCount;

        public int BatchCount => _batchCount;

        protected override async Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _batchCount);
            await Task.Yield();
            return keys.ToDictionary(key => key, key => $"{tag.Value}:{key}");
        }
    }

    [Fact]
    public async Task Parallel_requests_each_get_their_own_loaders_and_values()
    {
        using var services = new ServiceCollection()
            .AddScoped<RequestTag>()
            .AddDataLoader<TaggedLoader>()
            .BuildServiceProvider();
        var keys = Enumerable.Range(1, 25).ToArray();

        var requests = Enumerable.Range(1, 64).Select(request => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestTag>().Value = request;
            var loaders = scope.ServiceProvider.GetRequiredService<DataLoaderContext>();
            var values = await Wave.Complete(keys.Select(key => loaders.Get<TaggedLoader>().LoadAsync(key)));
            return (request, values, batches: loaders.Get<TaggedLoader>().BatchCount);
        })).ToArray();

        foreach (var (request, values, batches) in await Task.WhenAll(requests))
        {
            Assert.Equal(keys.Select(key => $"{request}:{key}"), values);
            Assert.Equal(1, batches);
        }
    }

    [Fact]
    public async Task Loads_from_many_threads_at_once_end_up_in_one_batch()
    {
        var loader = new RecordingLoader(new DataLoaderOptions { MaxBatchSize = 10_000 });
        var results = new IDataLoaderResult<string?>[4_000];
        using var start = new Barrier(8);

        var threads = Enumerable.Range(0, 8).Select(thread => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = thread; i < results.Length; i += 8)
                {
                    results[i] = loader.LoadAsync(i % 1_000); // every key asked four times
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(threads);

        var values = await Wave.Complete(results);

        var batch = Assert.Single(loader.Batches);
        Assert.Equal(Enumerable.Range(0, 1_000), batch.Order());
        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => $"v{i % 1_000}"), values);
    }

    [Fact]
    public async Task Results_awaited_from_many_threads_at_once_share_one_batch()
    {
        // The batch answers only once every thread is awaiting its result: all of them wait on the one batch.
        var allAwaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var awaiting = 0;
        var loader = new RecordingLoader { BeforeAnswer = (_, token) => allAwaiting.Task.WaitAsync(token) };
        var results = Enumerable.Range(1, 200).Select(loader.LoadAsync).ToArray();

        var values = await Task.WhenAll(results.Select(result => Task.Run(async () =>
        {
            var value = result.GetResultAsync();
            if (Interlocked.Increment(ref awaiting) == results.Length)
            {
                allAwaiting.SetResult();
            }

            return await value;
        })));

        Assert.Single(loader.Batches);
        Assert.Equal(Enumerable.Range(1, 200).Select(key => $"v{key}"), values);
    }
}
