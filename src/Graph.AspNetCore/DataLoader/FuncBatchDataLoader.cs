namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// A <see cref="BatchDataLoader{TKey, TValue}"/> whose batch is a delegate, for loaders defined
/// where they are used (see <see cref="DataLoaderContext.GetOrAdd"/>).
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="loadBatch">Fetches the values of a batch of distinct keys, by key.</param>
/// <param name="options">Its settings; <see cref="DataLoaderOptions.Default"/> when null.</param>
public sealed class FuncBatchDataLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> loadBatch,
    DataLoaderOptions? options = null)
    : BatchDataLoader<TKey, TValue>(options)
    where TKey : notnull
{
    /// <inheritdoc/>
    protected override Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken) =>
        loadBatch(keys, cancellationToken);
}
