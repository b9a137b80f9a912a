using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>A pending result whose value leads to another load (e.g. order → customer id → customer).</summary>
internal sealed class ChainedLoadResult<T, TResult>(IDataLoaderResult<T> source, Func<T, IDataLoaderResult<TResult>> next) : IDataLoaderResult<TResult>
{
    // Typed callers (code, not the engine) get the final value.
    public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var value = await source.GetResultAsync(cancellationToken).ConfigureAwait(false);
        return await next(value).GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    // The engine gets the second load still pending: it sees an IDataLoaderResult again and defers it
    // to its next round, where the second loads of all sibling fields go out as one batch. Awaiting
    // it here would send each field's second key alone.
    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
    {
        var value = await source.GetResultAsync(cancellationToken).ConfigureAwait(false);
        return next(value);
    }
}
