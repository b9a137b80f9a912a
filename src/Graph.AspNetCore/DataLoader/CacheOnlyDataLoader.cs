namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// A loader that never fetches: its values are put in with <see cref="DataLoaderBase{TKey, TValue}.Set"/>
/// by whoever already has them (say, a loader whose query also returned these objects). A key
/// asked for and still absent when the wave is awaited resolves to null.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public class CacheOnlyDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue?>
    where TKey : notnull
{
    /// <summary>Creates the loader with the default settings.</summary>
    public CacheOnlyDataLoader()
    {
    }

    /// <summary>Creates the loader.</summary>
    /// <param name="options">Its settings.</param>
    public CacheOnlyDataLoader(DataLoaderOptions options)
        : base(options)
    {
    }

    /// <summary>Answers nothing: every key not <c>Set</c> by then is missing.</summary>
    protected override Task FetchAsync(IReadOnlyList<TKey> keys, BatchResults<TKey, TValue?> results, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
