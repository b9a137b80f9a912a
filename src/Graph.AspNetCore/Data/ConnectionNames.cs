using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Connection and edge types are named from their node type's class before the schema exists
/// (<c>ProductType</c> → <c>ProductConnection</c>); once it does, the node's real GraphQL name must agree,
/// or the schema would carry a misleading name.
/// </summary>
internal static class ConnectionNames
{
    public const string EdgesField = "edges";
    public const string NodesField = "nodes";

    public static void Check(IGraphType type, FieldType? nodeField, string suffix)
    {
        var node = nodeField?.ResolvedType?.GetNamedType().Name;
        if (node is not null && type.Name != node + suffix)
        {
            throw new InvalidOperationException(
                $"'{type.Name}' lists '{node}' items: name the node's graph type class '{node}Type' (or '{node}GraphType') so it is '{node}{suffix}'.");
        }
    }
}
