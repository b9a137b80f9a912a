using System.Collections.Concurrent;
using Graph.AspNetCore.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

public class GroupedDataLoaderTests
{
    /// <summary>Order lines by order id: order 1 has two lines, order 2 one, other orders none.</summary>
    private sealed class LinesByOrder : GroupedDataLoader<int, string>
    {
        private static readonly (int Order, string Line)[] Lines = [(1, "1a"), (2, "2a"), (1, "1b"), (3, "3a")];

        public ConcurrentQueue<int[]> Batches { get; } = new();

        protected override Task<ILookup<int, string>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            Batches.Enqueue([.. keys]);
            return Task.FromResult(Lines.Where(line => keys.Contains(line.Order)).ToLookup(line => line.Order, line => line.Line));
        }
    }

    [Fact]
    public async Task Each_key_gets_its_list_from_one_batch()
    {
        var loader = new LinesByOrder();

        var lists = await Wave.Complete(loader.LoadAsync(1), loader.LoadAsync(2));

        Assert.Equal(["1a", "1b"], lists[0]);
        Assert.Equal(["2a"], lists[1]);
        Assert.Equal([1, 2], Assert.Single(loader.Batches));
    }

    [Fact]
    public async Task A_key_without_values_gets_an_empty_list_not_null()
    {
        var loader = new LinesByOrder();

        var lines = await loader.LoadAsync(42).GetResultAsync();

        Assert.NotNull(lines);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task The_same_key_twice_is_fetched_once_even_across_waves()
    {
        var loader = new LinesByOrder();

        await Wave.Complete(loader.LoadAsync(1), loader.LoadAsync(1));
        var again = await loader.LoadAsync(1).GetResultAsync();

        Assert.Equal(["1a", "1b"], again);
        Assert.Equal([1], Assert.Single(loader.Batches));
    }
}
