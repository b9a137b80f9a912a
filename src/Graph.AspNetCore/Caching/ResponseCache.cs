using System.Collections.Concurrent;
using Graph.AspNetCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Caching;

/// <summary>
/// Serialized results of public queries, by key, within a budget of bytes, made stale by events
/// rather than by time: each entry carries the tags of what it was read from, and
/// <see cref="Invalidate"/> with a change's tags makes every entry carrying one of them stale.
/// </summary>
/// <remarks>
/// <para>A clock counts invalidations. An entry keeps the clock's value from before its computation
/// started (<see cref="Stamp"/>); each tag remembers the clock at its last invalidation. An entry is
/// current when none of its tags was invalidated after its stamp, and no <see cref="Clear"/> came
/// after it. That settles the race between a computation and a commit: a result read (even partly)
/// before a commit started before that commit's invalidation, so it is stale the moment the
/// invalidation has run, whether it is stored before or after — it is neither stored nor served.
/// Stale entries are dropped when next looked up, or by the byte budget.</para>
/// <para>While <see cref="Suspend"/>ed (invalidations may be being missed: the backplane is away)
/// nothing is served or stored.</para>
/// </remarks>
public sealed class ResponseCache : IDisposable
{
    private readonly MemoryCache? _entries;
    private readonly ConcurrentDictionary<string, long> _invalidatedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<CachedResponse?>> _computing = new(StringComparer.Ordinal);
    private readonly ResponseCacheTelemetry? _telemetry;
    private long _clock;
    private long _clearedAt;
    private int _suspensions;

    /// <summary>Creates the cache from the server options.</summary>
    public ResponseCache(IOptions<GraphQLServerOptions> options, ResponseCacheTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.ResponseCache;
        _telemetry = telemetry;
        if (settings.Enabled && settings.SizeLimit > 0)
        {
            _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.SizeLimit });
        }
    }

    /// <summary>Whether the cache is on (<see cref="ResponseCacheOptions.Enabled"/>).</summary>
    public bool IsEnabled => _entries is not null;

    /// <summary>Whether results may be served and stored now: on, and not suspended.</summary>
    public bool IsAvailable => _entries is not null && Volatile.Read(ref _suspensions) == 0;

    /// <summary>How many entries are held now (stale ones included until they are looked up).</summary>
    public int Count => _entries?.Count ?? 0;

    /// <summary>The clock now: take it before a computation reads anything, and store its result with it.</summary>
    public long Stamp() => Interlocked.Read(ref _clock);

    /// <summary>The current entry under <paramref name="key"/>, if there is one.</summary>
    public bool TryGet(string key, out CachedResponse entry)
    {
        entry = null!;
        if (!IsAvailable || !_entries!.TryGetValue(key, out var found) || found is not CachedResponse cached)
        {
            return false;
        }

        if (!IsCurrent(cached))
        {
            _entries.Remove(key);
            return false;
        }

        entry = cached;
        return true;
    }

    /// <summary>
    /// Remembers that the request whose bytes have <paramref name="requestKey"/> is answered by the
    /// entry <paramref name="answered"/> names. Kept within the same budget of bytes as the entries;
    /// dropped with them by <see cref="Clear"/>. It outlives a stale entry harmlessly: a lookup through
    /// it then misses, and the request is read and computed as any other.
    /// </summary>
    internal void RememberRequest(string requestKey, AnsweredRequest answered)
    {
        if (IsAvailable)
        {
            _entries!.Set(requestKey, answered, new MemoryCacheEntryOptions { Size = answered.Size });
        }
    }

    /// <summary>What was remembered of the request whose bytes have <paramref name="requestKey"/>.</summary>
    internal bool TryGetRequest(string requestKey, out AnsweredRequest answered)
    {
        answered = null!;
        if (!IsAvailable || !_entries!.TryGetValue(requestKey, out var found) || found is not AnsweredRequest remembered)
        {
            return false;
        }

        answered = remembered;
        return true;
    }

    /// <summary>Whether nothing <paramref name="entry"/> was read from has changed since its computation started.</summary>
    public bool IsCurrent(CachedResponse entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsAvailable || Interlocked.Read(ref _clearedAt) > entry.Stamp)
        {
            return false;
        }

        foreach (var tag in entry.Tags)
        {
            if (_invalidatedAt.TryGetValue(tag, out var at) && at > entry.Stamp)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Stores <paramref name="entry"/> unless something it was read from changed while it was computed.</summary>
    public bool TryStore(string key, CachedResponse entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsCurrent(entry))
        {
            return false;
        }

        var options = new MemoryCacheEntryOptions { Size = entry.Size };
        if (_telemetry is not null)
        {
            options.RegisterPostEvictionCallback(static (_, _, reason, state) =>
            {
                if (reason == EvictionReason.Capacity)
                {
                    ((ResponseCacheTelemetry)state!).Evicted();
                }
            }, _telemetry);
        }

        _entries!.Set(key, entry, options);
        return true;
    }

    /// <summary>
    /// Makes every entry read from any of <paramref name="tags"/> stale, at once: a caller that
    /// returns after this never gets one of them again. Call it after the change has committed.
    /// </summary>
    public void Invalidate(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (_entries is null)
        {
            return;
        }

        var now = Interlocked.Increment(ref _clock);
        var count = 0;
        foreach (var tag in tags)
        {
            _invalidatedAt[tag] = now;
            count++;
        }

        _telemetry?.Invalidated(count);
    }

    /// <summary>Drops every entry: for when invalidations may have been missed.</summary>
    public void Clear()
    {
        if (_entries is null)
        {
            return;
        }

        Interlocked.Exchange(ref _clearedAt, Interlocked.Increment(ref _clock));
        _entries.Clear();
        _invalidatedAt.Clear();
        _telemetry?.Invalidated(1);
    }

    /// <summary>
    /// Clears the cache and serves and stores nothing until <see cref="Resume"/>: while the
    /// invalidations of other instances cannot arrive (the backplane is away), nothing is trusted.
    /// </summary>
    public void Suspend()
    {
        Interlocked.Increment(ref _suspensions);
        Clear();
    }

    /// <summary>Ends a <see cref="Suspend"/>: clears again (what was missed meanwhile is unknown) and goes on.</summary>
    public void Resume()
    {
        Clear();
        if (Interlocked.Decrement(ref _suspensions) < 0)
        {
            Interlocked.Exchange(ref _suspensions, 0);
        }
    }

    /// <summary>
    /// Joins the computation of <paramref name="key"/> under way, or becomes it: the first caller gets
    /// <c>true</c> and must call <see cref="EndComputation"/>; the others get the task to wait for
    /// (its result may be null or stale: then they compute for themselves). So concurrent misses on
    /// one key run it once.
    /// </summary>
    public bool BeginComputation(string key, out Task<CachedResponse?> running, out TaskCompletionSource<CachedResponse?> computation)
    {
        computation = new TaskCompletionSource<CachedResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        running = _computing.GetOrAdd(key, computation.Task);
        return running == computation.Task;
    }

    /// <summary>Ends a computation begun with <see cref="BeginComputation"/>, handing its entry (or null) to whoever waits.</summary>
    public void EndComputation(string key, TaskCompletionSource<CachedResponse?> computation, CachedResponse? entry)
    {
        ArgumentNullException.ThrowIfNull(computation);
        _computing.TryRemove(new KeyValuePair<string, Task<CachedResponse?>>(key, computation.Task));
        computation.TrySetResult(entry);
    }

    /// <inheritdoc />
    public void Dispose() => _entries?.Dispose();
}
