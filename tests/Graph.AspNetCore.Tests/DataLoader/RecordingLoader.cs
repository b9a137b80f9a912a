using System.Collections.Concurrent;
using Graph.AspNetCore.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

/// <summary>
/// A batch loader over an imaginary table where key k holds "v{k}". It records every batch it is
/// given, and the test can make it skip keys, wait, or fail.
/// </summary>
public class RecordingLoader(DataLoaderOptions? options = null) : BatchDataLoader<int, string>(options)
{
    public ConcurrentQueue<int[]> Batches { get; } = new();

    public ConcurrentQueue<CancellationToken> Tokens { get; } = new();

    /// <summary>Which keys exist; the others are left out of the batch's answer.</summary>
    public Func<int, bool> Exists { get; init; } = _ => true;

    /// <summary>Runs before the batch answers: a place to wait, or to throw.</summary>
    public Func<int[], CancellationToken, Task>? BeforeAnswer { get; set; }

    public int[] AllKeysFetched => [.. Batches.SelectMany(batch => batch)];

    protected override async Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        int[] batch = [.. keys];
        Batches.Enqueue(batch);
        Tokens.Enqueue(cancellationToken);
        if (BeforeAnswer is { } before)
        {
            await before(batch, cancellationToken);
        }

        return batch.Where(Exists).ToDictionary(key => key, key => $"v{key}");
    }
}
