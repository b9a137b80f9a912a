using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>One key asked of a loader: awaiting it sends the loader's queued keys off, then waits for this one.</summary>
internal sealed class PendingLoad<TKey, TValue>(DataLoaderBase<TKey, TValue> loader, Task<TValue> value) : IDataLoaderResult<TValue>
    where TKey : notnull
{
    public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
    {
        if (value.IsCompleted)
        {
            return value;
        }

        loader.Dispatch(cancellationToken);
        return value.WaitAsync(cancellationToken);
    }

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        GetResultAsync(cancellationToken).AsObjectTask();
}
