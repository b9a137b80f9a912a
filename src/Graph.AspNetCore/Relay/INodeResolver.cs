using GraphQL;
using GraphQL.DataLoader;

namespace Graph.AspNetCore.Relay;

/// <summary>
/// Fetches the object of one node type by its key, for <c>node(id:)</c> and <c>nodes(ids:)</c>.
/// Register one per type that implements <c>Node</c>. Returning a data loader result lets
/// <c>nodes</c> fetch every id of a type in one batch.
/// </summary>
public interface INodeResolver
{
    /// <summary>The GraphQL type name the resolver serves (the part before <c>:</c> in an id).</summary>
    string TypeName { get; }

    /// <summary>
    /// Returns the object, or null when no object has this key. The key is the part after <c>:</c>;
    /// a key of the wrong form also resolves to null.
    /// </summary>
    IDataLoaderResult<object?> Resolve(string key, IResolveFieldContext context);
}
