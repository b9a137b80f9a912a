using Graph.AspNetCore.Caching;
using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// A per-request loader of values by key. <see cref="LoadAsync"/> only queues the key and hands
/// back a pending <see cref="IDataLoaderResult{T}"/>; graphql-dotnet's execution strategies
/// collect such results and await them once every other field of the wave has resolved, so the
/// first <c>GetResultAsync</c> finds the wave's keys queued and fetches them in one batch
/// (split by <see cref="DataLoaderOptions.MaxBatchSize"/>).
/// </summary>
/// <remarks>
/// Each key is fetched at most once per loader instance: the loader keeps one promise per key
/// for its lifetime, which is one request when it comes from <see cref="DataLoaderContext"/>.
/// A key whose batch failed is forgotten, so a later wave may ask again; a per-key error
/// (<see cref="BatchResults{TKey, TValue}.SetError"/>) stays cached like a value.
/// Safe to call from concurrently running resolvers.
/// </remarks>
/// <typeparam name="TKey">The key type; keys are compared with their default equality.</typeparam>
/// <typeparam name="TValue">The value type a key resolves to.</typeparam>
public abstract class DataLoaderBase<TKey, TValue> : ICacheTagSource
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _promises = [];
    private List<KeyValuePair<TKey, TaskCompletionSource<TValue>>> _queue = [];
    private readonly int _maxBatchSize;

    /// <summary>Creates the loader.</summary>
    /// <param name="options">Its settings; <see cref="DataLoaderOptions.Default"/> when null.</param>
    protected DataLoaderBase(DataLoaderOptions? options = null)
    {
        _maxBatchSize = (options ?? DataLoaderOptions.Default).MaxBatchSize;
    }

    /// <summary>The request's tag recorder (set by <see cref="DataLoaderContext"/>); every value fetched is recorded in it.</summary>
    CacheTagRecorder? ICacheTagSource.Recorder { get; set; }

    /// <summary>
    /// Asks for the value of <paramref name="key"/>. Return the result from a resolver as is:
    /// the execution strategy awaits it after the current wave, together with its siblings.
    /// </summary>
    public IDataLoaderResult<TValue> LoadAsync(TKey key) => new PendingLoad<TKey, TValue>(this, Promise(key));

    /// <summary>Asks for the values of several keys, answered in the order of <paramref name="keys"/>.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadManyAsync(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new PendingLoadMany<TKey, TValue>(this, [.. keys.Select(Promise)]);
    }

    /// <summary>
    /// Puts a value into this request's cache, replacing whatever was there; a field still waiting
    /// for <paramref name="key"/> gets <paramref name="value"/> and the key is not fetched.
    /// </summary>
    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_promises.TryGetValue(key, out var promise) && promise.TrySetResult(value))
            {
                return;
            }

            _promises[key] = Answered(value);
        }
    }

    /// <summary>Reads a value already in this request's cache; false when absent, pending or failed.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_promises.TryGetValue(key, out var promise) && promise.Task.IsCompletedSuccessfully)
            {
                value = promise.Task.Result;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Forgets <paramref name="key"/> so the next <see cref="LoadAsync"/> fetches it again,
    /// e.g. after a mutation changed it. Fields already holding its result keep that result.
    /// </summary>
    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            return _promises.Remove(key);
        }
    }

    /// <summary>
    /// Fetches the values of one batch into <paramref name="results"/>. A key left unanswered
    /// resolves to <see cref="ValueForMissingKey"/>; an exception fails every key of the batch.
    /// </summary>
    /// <param name="keys">The batch: distinct keys, at most <see cref="DataLoaderOptions.MaxBatchSize"/>.</param>
    /// <param name="results">Where to put each key's value or error.</param>
    /// <param name="cancellationToken">The request's token.</param>
    protected abstract Task FetchAsync(IReadOnlyList<TKey> keys, BatchResults<TKey, TValue> results, CancellationToken cancellationToken);

    /// <summary>What a key the fetch did not answer resolves to: <c>default</c> (null) unless overridden.</summary>
    protected virtual TValue ValueForMissingKey(TKey key) => default!;

    /// <summary>
    /// Sends every queued key off: one fetch per <see cref="DataLoaderOptions.MaxBatchSize"/> keys,
    /// all started now. Called by the first pending result awaited; later calls find the queue
    /// empty unless new keys arrived since.
    /// </summary>
    internal void Dispatch(CancellationToken cancellationToken)
    {
        // A cancelled caller sends nothing: the keys stay queued for a caller that still wants them.
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        List<KeyValuePair<TKey, TaskCompletionSource<TValue>>> queued;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                return;
            }

            queued = _queue;
            _queue = [];
        }

        // Keys answered by Set while queued need no fetch.
        queued.RemoveAll(entry => entry.Value.Task.IsCompleted);
        for (var start = 0; start < queued.Count; start += _maxBatchSize)
        {
            var batch = queued.GetRange(start, Math.Min(_maxBatchSize, queued.Count - start));
            _ = RunBatchAsync([.. batch.Select(entry => entry.Key)], [.. batch.Select(entry => entry.Value)], cancellationToken);
        }
    }

    private Task<TValue> Promise(TKey key)
    {
        lock (_gate)
        {
            if (!_promises.TryGetValue(key, out var promise))
            {
                promise = Pending();
                _promises.Add(key, promise);
                _queue.Add(new(key, promise));
            }

            return promise.Task;
        }
    }

    // Never throws: whatever happens, every promise of the batch is settled, which is how the
    // outcome reaches the fields (and only the fields) that asked for these keys.
    private async Task RunBatchAsync(TKey[] keys, TaskCompletionSource<TValue>[] promises, CancellationToken cancellationToken)
    {
        var results = new BatchResults<TKey, TValue>(keys);
        try
        {
            await FetchAsync(keys, results, cancellationToken).ConfigureAwait(false);
            var recorder = ((ICacheTagSource)this).Recorder is { IsRecording: true } active ? active : null;
            for (var i = 0; i < keys.Length; i++)
            {
                // Recorded before the value reaches any field, so the result cannot outrun its tags.
                recorder?.RecordValue(results.ErrorAt(i) is null && results.IsAnswered(i) ? results.ValueAt(i) : null, typeof(TValue));
                if (results.ErrorAt(i) is { } keyError)
                {
                    promises[i].TrySetException(keyError);
                }
                else
                {
                    promises[i].TrySetResult(results.IsAnswered(i) ? results.ValueAt(i) : ValueForMissingKey(keys[i]));
                }
            }
        }
#pragma warning disable CA1031 // Not swallowed: handed to every field that waits on this batch.
        catch (Exception error)
#pragma warning restore CA1031
        {
            // Promises already settled keep their outcome; TrySetException skips them.
            Forget(keys, promises);
            foreach (var promise in promises)
            {
                promise.TrySetException(error);
            }
        }
    }

    // A failed batch is not cached, so a later wave can try these keys again.
    private void Forget(TKey[] keys, TaskCompletionSource<TValue>[] promises)
    {
        lock (_gate)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (_promises.TryGetValue(keys[i], out var current) && current == promises[i])
                {
                    _promises.Remove(keys[i]);
                }
            }
        }
    }

    // Continuations run on the thread pool, not inside the batch's completion loop or under _gate:
    // a waiting field may queue further keys the moment its value arrives.
    private static TaskCompletionSource<TValue> Pending() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<TValue> Answered(TValue value)
    {
        var promise = Pending();
        promise.SetResult(value);
        return promise;
    }
}
