using GraphQL;

namespace Graph.AspNetCore.Relay;

/// <summary>
/// Fetches the object of one node type by its key, for <c>node(id:)</c> and <c>nodes(ids:)</c>.
/// Register one per type that implements <c>Node</c>.
/// </summary>
public interface INodeResolver
{
    /// <summary>The GraphQL type name the resolver serves (the part before <c>:</c> in an id).</summary>
    string TypeName { get; }

    /// <summary>
    /// Returns the object, or null when no object has this key (or the caller may not know of it).
    /// The key is the part after <c>:</c>; a key of the wrong form also resolves to null.
    /// </summary>
    ValueTask<object?> ResolveAsync(string key, IResolveFieldContext context);
}
