using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>Builds and chains <see cref="IDataLoaderResult{T}"/>s (graphql-dotnet's own package has no such helpers).</summary>
public static class DataLoaderResult
{
    /// <summary>
    /// A result that is already known, for a resolver that returns a loader result on some paths
    /// (e.g. no foreign key → null without asking the loader).
    /// </summary>
    public static IDataLoaderResult<T> FromValue<T>(T value) => new CompletedResult<T>(value);

    /// <summary>
    /// A result that fails with <paramref name="exception"/> when it is awaited. As an element of a list a
    /// resolver returns, it makes that element alone null, with the error at the element's own path.
    /// </summary>
    public static IDataLoaderResult<T> FromException<T>(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new FailedResult<T>(exception);
    }

    /// <summary>Maps the value once it is loaded.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        return new ContinuationResult<T, TResult>(source, (value, _) => Task.FromResult(map(value)));
    }

    /// <summary>Continues asynchronously once the value is loaded.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, Task<TResult>> next)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(next);
        return new ContinuationResult<T, TResult>(source, (value, _) => next(value));
    }

    /// <summary>Continues asynchronously, with the request's cancellation token, once the value is loaded.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, CancellationToken, Task<TResult>> next)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(next);
        return new ContinuationResult<T, TResult>(source, next);
    }

    /// <summary>
    /// Loads something else with the loaded value (e.g. <c>order → customer</c>). When returned
    /// from a resolver, the second load is queued like any other and goes out in the engine's
    /// next round, batched with those of the sibling fields.
    /// </summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> source, Func<T, IDataLoaderResult<TResult>> next)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(next);
        return new ChainedLoadResult<T, TResult>(source, next);
    }

    /// <summary>
    /// One result for several pending ones, in order. The loads must already be queued (each
    /// <c>LoadAsync</c> called) so that their loaders batch them together.
    /// </summary>
    public static IDataLoaderResult<T[]> WhenAll<T>(IReadOnlyList<IDataLoaderResult<T>> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new AllResults<T>(results);
    }

    private sealed class AllResults<T>(IReadOnlyList<IDataLoaderResult<T>> results) : IDataLoaderResult<T[]>
    {
        public async Task<T[]> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var tasks = new Task<T>[results.Count];
            for (var i = 0; i < tasks.Length; i++)
            {
                tasks[i] = results[i].GetResultAsync(cancellationToken);
            }

            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
