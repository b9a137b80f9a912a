using System.Collections.Concurrent;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Compiled page queries by <see cref="ConnectionShape"/>, at most <see cref="Capacity"/> of them.
/// Shapes come from clients (filters, orders), so the cache must not grow without end: once full it
/// adds nothing more, and a request of a new shape is read the uncompiled way (EF Core's own query
/// cache, as before). Nothing is evicted: the shapes a schema really serves come first and stay.
/// </summary>
internal sealed class ShapeCache<TQuery>(int capacity)
    where TQuery : class
{
    /// <summary>The default capacity of each cache (one per kind of query and entity).</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<ConnectionShape, TQuery> _queries = new();

    /// <summary>The cache shared by every request for one kind of query.</summary>
    public static ShapeCache<TQuery> Shared { get; } = new(DefaultCapacity);

    /// <summary>How many shapes it may hold.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>How many shapes it holds.</summary>
    public int Count => _queries.Count;

    /// <summary>The shapes it holds.</summary>
    public IEnumerable<ConnectionShape> Shapes => _queries.Keys;

    /// <summary>The query of <paramref name="shape"/>, compiled on first use; null when the cache is full.</summary>
    public TQuery? GetOrAdd<TState>(ConnectionShape shape, TState state, Func<TState, TQuery> compile)
    {
        if (_queries.TryGetValue(shape, out var query))
        {
            return query;
        }

        // Count takes every lock, but only a new shape gets here. Two racing requests may both compile;
        // one query is kept, and the cache overshoots its capacity by at most the racers.
        if (_queries.Count >= Capacity)
        {
            return null;
        }

        return _queries.GetOrAdd(shape, static (_, arg) => arg.compile(arg.state), (compile, state));
    }
}
