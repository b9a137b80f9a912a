using System.Collections.Concurrent;

namespace Graph.Testing;

/// <summary>
/// Things that arrive from other threads (events published, orders acknowledged), kept in order, with a
/// signal for "at least n have arrived": a test waits for the arrivals themselves, not for time.
/// </summary>
public sealed class Arrivals<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly Lock _lock = new();

    public int Count => _items.Count;

    /// <summary>What has arrived so far, in order.</summary>
    public IReadOnlyList<T> Items => [.. _items];

    public void Add(T item)
    {
        _items.Enqueue(item);
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => _items.Count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> have arrived; throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (30 s by default).</summary>
    public Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_items.Count >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, reached));
        }

        return reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }
}
