namespace Graph.AspNetCore.Data;

/// <summary>A page of a list, seen without its item type (for the graph types).</summary>
public interface IConnection
{
    /// <summary>The page's items with their cursors, in list order.</summary>
    IReadOnlyList<IEdge> Edges { get; }

    /// <summary>The page's items, in list order.</summary>
    IReadOnlyList<object> Nodes { get; }

    /// <summary>Where the page sits in the list.</summary>
    PageInfo PageInfo { get; }

    /// <summary>How many items the whole (filtered, unpaged) list holds; counted on first call only.</summary>
    Task<int> GetTotalCountAsync(CancellationToken cancellationToken);
}

/// <summary>A page of a list: what a connection field resolves to.</summary>
public sealed class Connection<TNode> : IConnection
    where TNode : class
{
    private readonly Func<CancellationToken, Task<int>> _countTotal;
    private readonly Lock _gate = new();
    private Task<int>? _totalCount;

    /// <summary>Creates a page.</summary>
    /// <param name="edges">The page's items with their cursors, in list order.</param>
    /// <param name="pageInfo">Where the page sits in the list.</param>
    /// <param name="countTotal">
    /// Counts the whole list. It runs only when <see cref="GetTotalCountAsync"/> is called (the
    /// <c>totalCount</c> field is selected), and then once, however many aliases ask.
    /// </param>
    public Connection(IReadOnlyList<Edge<TNode>> edges, PageInfo pageInfo, Func<CancellationToken, Task<int>> countTotal)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(pageInfo);
        ArgumentNullException.ThrowIfNull(countTotal);
        Edges = edges;
        Nodes = [.. edges.Select(edge => edge.Node)];
        PageInfo = pageInfo;
        _countTotal = countTotal;
    }

    /// <summary>The page's items with their cursors, in list order.</summary>
    public IReadOnlyList<Edge<TNode>> Edges { get; }

    /// <summary>The page's items, in list order.</summary>
    public IReadOnlyList<TNode> Nodes { get; }

    /// <inheritdoc />
    public PageInfo PageInfo { get; }

    IReadOnlyList<IEdge> IConnection.Edges => Edges;

    IReadOnlyList<object> IConnection.Nodes => Nodes;

    /// <inheritdoc />
    public Task<int> GetTotalCountAsync(CancellationToken cancellationToken)
    {
        // Aliased totalCount fields resolve in parallel: they share one count.
        lock (_gate)
        {
            return _totalCount ??= _countTotal(cancellationToken);
        }
    }
}
