namespace Graph.AspNetCore.Data;

/// <summary>An item of a page with its cursor, seen without its type (for the graph types).</summary>
public interface IEdge
{
    /// <summary>The opaque position of the item, for <c>after</c> and <c>before</c>.</summary>
    string Cursor { get; }

    /// <summary>The item.</summary>
    object Node { get; }
}

/// <summary>
/// An item of a page with its cursor, written when first asked for: pages are mostly selected as
/// <c>nodes</c>, without their items' cursors, and writing one is a JSON writer, a buffer and a
/// Base64 string.
/// </summary>
public sealed class Edge<TNode> : IEdge
    where TNode : class
{
    private readonly Func<object?[], string> _encode;
    private readonly object?[] _position;
    private string? _cursor;

    // An item at a position (its sort key values), its cursor written by `encode` when read.
    internal Edge(object?[] position, Func<object?[], string> encode, TNode node)
    {
        _position = position;
        _encode = encode;
        Node = node;
    }

    /// <summary>The opaque position of the item, for <c>after</c> and <c>before</c>.</summary>
    public string Cursor => _cursor ??= _encode(_position);

    /// <summary>The item.</summary>
    public TNode Node { get; }

    object IEdge.Node => Node;
}
