using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary><c>type {Node}Edge { cursor: String! node: {Node}! }</c>.</summary>
/// <typeparam name="TNodeGraphType">The item's graph type; the edge is named after it (<c>ProductType</c> gives <c>ProductEdge</c>).</typeparam>
public sealed class EdgeType<TNodeGraphType> : ObjectGraphType<IEdge>
    where TNodeGraphType : IGraphType
{
    /// <summary>Creates the type.</summary>
    public EdgeType()
    {
        var node = typeof(TNodeGraphType).GraphQLName();
        Name = $"{node}Edge";
        Description = $"One {node} of a page, with its cursor.";
        Field<NonNullGraphType<StringGraphType>, string>("cursor")
            .Description("The item's position, for `after` and `before`.")
            .Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>, object>("node")
            .Description("The item.")
            .Resolve(context => context.Source.Node);
    }

    /// <summary>Checks the name against the node type's GraphQL name.</summary>
    /// <exception cref="InvalidOperationException">The node type's GraphQL name is not its class name less <c>Type</c>.</exception>
    public override void Initialize(ISchema schema)
    {
        base.Initialize(schema);
        ConnectionNames.Check(this, GetField("node"), "Edge");
    }
}
