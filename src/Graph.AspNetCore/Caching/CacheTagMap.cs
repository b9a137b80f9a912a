using System.Collections.Frozen;
using GraphQL.Types;

namespace Graph.AspNetCore.Caching;

/// <summary>
/// Which CLR types are entities and how their tags are spelled, learned from the schema: every
/// object type with a Relay id (<see cref="Relay.NodeFieldExtensions.NodeId"/>) maps its source type
/// to its GraphQL name and key, so an application declares nothing for its entities to be tagged.
/// Built on first use, when the schema has been initialized.
/// </summary>
public sealed class CacheTagMap(ISchema schema)
{
    /// <summary>The metadata key under which a node type keeps its <see cref="NodeKey"/>.</summary>
    internal const string NodeKeyMetadata = "graph:cacheNodeKey";

    private FrozenDictionary<Type, NodeKey>? _byType;

    /// <summary>The GraphQL name of the entity type <paramref name="type"/>, or null when it is not one.</summary>
    public string? TypeNameOf(Type type) => Map().TryGetValue(type, out var node) ? node.TypeName : null;

    /// <summary>The tag of <paramref name="entity"/>, or null when its type is not an entity.</summary>
    public string? TagOf(object entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Map().TryGetValue(entity.GetType(), out var node) ? CacheTags.Entity(node.TypeName, node.Key(entity)) : null;
    }

    private FrozenDictionary<Type, NodeKey> Map() => _byType ??= Build();

    private FrozenDictionary<Type, NodeKey> Build()
    {
        var map = new Dictionary<Type, NodeKey>();
        foreach (var type in schema.AllTypes.OfType<IObjectGraphType>())
        {
            if (type.GetMetadata<NodeKey>(NodeKeyMetadata) is { } key)
            {
                map.TryAdd(key.ClrType, key);
            }
        }

        return map.ToFrozenDictionary();
    }

    /// <summary>How a node type's tag is made from its source object.</summary>
    internal sealed record NodeKey(Type ClrType, string TypeName, Func<object, int> Key);
}
