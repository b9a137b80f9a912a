using GraphQL.DataLoader;

namespace Graph.AspNetCore.Tests.DataLoader;

/// <summary>
/// Plays the execution strategy: first every field of the wave makes its load, then every
/// pending result is awaited, which is when the first one sends the batch.
/// </summary>
public static class Wave
{
    public static Task<T[]> Complete<T>(IEnumerable<IDataLoaderResult<T>> results, CancellationToken cancellationToken = default)
    {
        // Materialized first: a lazy sequence would interleave loads and awaits, which no wave does.
        var pending = results.ToArray();
        return Task.WhenAll(pending.Select(result => result.GetResultAsync(cancellationToken)).ToArray());
    }

    public static Task<T[]> Complete<T>(params IDataLoaderResult<T>[] results) => Complete(results.AsEnumerable());
}
