namespace Graph.AspNetCore.Data;

/// <summary>An item of a page with its cursor, seen without its type (for the graph types).</summary>
public interface IEdge
{
    /// <summary>The opaque position of the item, for <c>after</c> and <c>before</c>.</summary>
    string Cursor { get; }

    /// <summary>The item.</summary>
    object Node { get; }
}

/// <summary>An item of a page with its cursor.</summary>
/// <param name="Cursor">The opaque position of the item, for <c>after</c> and <c>before</c>.</param>
/// <param name="Node">The item.</param>
public sealed record Edge<TNode>(string Cursor, TNode Node) : IEdge
    where TNode : class
{
    object IEdge.Node => Node;
}
