using System.Collections.Frozen;

namespace Graph.AspNetCore.Relay;

/// <summary>The registered <see cref="INodeResolver"/>s by type name, built once.</summary>
public sealed class NodeResolverRegistry(IEnumerable<INodeResolver> resolvers)
{
    private readonly FrozenDictionary<string, INodeResolver> _byType =
        resolvers.ToFrozenDictionary(r => r.TypeName, StringComparer.Ordinal);

    /// <summary>Finds the resolver of a type name.</summary>
    public bool TryGet(string typeName, out INodeResolver resolver) =>
        _byType.TryGetValue(typeName, out resolver!);
}
