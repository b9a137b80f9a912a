namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// Loads one value per key, a batch of keys at a time (typically one <c>WHERE id IN (…)</c>
/// query). A key the batch does not return resolves to null.
/// </summary>
/// <remarks>
/// To fail single keys (say, one the caller may not see), override
/// <see cref="FetchAsync"/>: call the base implementation, then
/// <see cref="BatchResults{TKey, TValue}.SetError"/> for those keys.
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public abstract class BatchDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue?>
    where TKey : notnull
{
    /// <summary>Creates the loader.</summary>
    /// <param name="options">Its settings; <see cref="DataLoaderOptions.Default"/> when null.</param>
    protected BatchDataLoader(DataLoaderOptions? options = null)
        : base(options)
    {
    }

    /// <summary>Fetches the values of a batch of distinct keys, by key. Keys may be left out.</summary>
    /// <param name="keys">The batch: distinct keys, at most <see cref="DataLoaderOptions.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">The request's token.</param>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    /// <inheritdoc/>
    protected override async Task FetchAsync(IReadOnlyList<TKey> keys, BatchResults<TKey, TValue?> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(results);
        var values = await LoadBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Count; i++)
        {
            if (values.TryGetValue(keys[i], out var value))
            {
                results.SetValueAt(i, value);
            }
        }
    }
}
