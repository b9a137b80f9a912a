using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>Several keys asked of one loader at once, answered in the order they were asked.</summary>
internal sealed class PendingLoadMany<TKey, TValue>(DataLoaderBase<TKey, TValue> loader, Task<TValue>[] values) : IDataLoaderResult<IReadOnlyList<TValue>>
    where TKey : notnull
{
    public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
    {
        loader.Dispatch(cancellationToken);
        return await Task.WhenAll(values).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        GetResultAsync(cancellationToken).AsObjectTask();
}
