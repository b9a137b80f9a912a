namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// Loads a list of values per key, a batch of keys at a time (typically the children of many
/// parents in one query). A key with no values resolves to an empty list, never null.
/// </summary>
/// <typeparam name="TKey">The key type (e.g. the parent's id).</typeparam>
/// <typeparam name="TValue">The type of the listed values.</typeparam>
public abstract class GroupedDataLoader<TKey, TValue> : DataLoaderBase<TKey, IReadOnlyList<TValue>>
    where TKey : notnull
{
    /// <summary>Creates the loader.</summary>
    /// <param name="options">Its settings; <see cref="DataLoaderOptions.Default"/> when null.</param>
    protected GroupedDataLoader(DataLoaderOptions? options = null)
        : base(options)
    {
    }

    /// <summary>Fetches the values of a batch of distinct keys, grouped by key.</summary>
    /// <param name="keys">The batch: distinct keys, at most <see cref="DataLoaderOptions.MaxBatchSize"/>.</param>
    /// <param name="cancellationToken">The request's token.</param>
    protected abstract Task<ILookup<TKey, TValue>> LoadGroupedBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    /// <inheritdoc/>
    protected override async Task FetchAsync(IReadOnlyList<TKey> keys, BatchResults<TKey, IReadOnlyList<TValue>> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(results);
        var groups = await LoadGroupedBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Count; i++)
        {
            if (groups.Contains(keys[i]))
            {
                results.SetValueAt(i, [.. groups[keys[i]]]);
            }
        }
    }

    /// <summary>A key without values resolves to an empty list.</summary>
    protected override IReadOnlyList<TValue> ValueForMissingKey(TKey key) => [];
}
