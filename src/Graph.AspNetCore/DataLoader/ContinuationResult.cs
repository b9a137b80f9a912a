using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>A pending result followed by a step that turns its value into another value.</summary>
internal sealed class ContinuationResult<T, TResult>(IDataLoaderResult<T> source, Func<T, CancellationToken, Task<TResult>> next) : IDataLoaderResult<TResult>
{
    public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var value = await source.GetResultAsync(cancellationToken).ConfigureAwait(false);
        return await next(value, cancellationToken).ConfigureAwait(false);
    }

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        GetResultAsync(cancellationToken).AsObjectTask();
}
