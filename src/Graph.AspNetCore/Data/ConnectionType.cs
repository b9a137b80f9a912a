using Graph.AspNetCore.Limits.Cost;
using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// <c>type {Node}Connection { edges: [{Node}Edge!]! nodes: [{Node}!]! pageInfo: PageInfo! totalCount: Int! }</c>,
/// the type of a Relay connection field (see <see cref="ConnectionFieldExtensions"/>).
/// </summary>
/// <typeparam name="TNodeGraphType">
/// The item's graph type; the connection is named after it (<c>ProductType</c> gives <c>ProductConnection</c>).
/// </typeparam>
public sealed class ConnectionType<TNodeGraphType> : ObjectGraphType<IConnection>
    where TNodeGraphType : IGraphType
{
    /// <summary>Creates the type.</summary>
    public ConnectionType()
    {
        // The node type is not built yet: its GraphQL name is taken from its class name, and checked in Initialize.
        var node = typeof(TNodeGraphType).GraphQLName();
        Name = $"{node}Connection";
        Description = $"A page of {node} items.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeGraphType>>>>, IReadOnlyList<IEdge>>(ConnectionNames.EdgesField)
            .Description("The page's items with their cursors.")
            .Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>, IReadOnlyList<object>>(ConnectionNames.NodesField)
            .Description("The page's items.")
            .Resolve(context => context.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>, PageInfo>("pageInfo")
            .Description("Where the page sits in the list.")
            .Resolve(context => context.Source.PageInfo);

        // Counted only here, so a query that does not select totalCount never runs the COUNT; a COUNT
        // reads the whole filtered list, so it weighs as much as a page of items.
        Field<NonNullGraphType<IntGraphType>, int>("totalCount")
            .Description("How many items the whole list holds (filtered, not paged).")
            .WithCost(10)
            .ResolveAsync(context => context.Source.GetTotalCountAsync(context.CancellationToken));
    }

    /// <summary>Checks the name against the node type's GraphQL name.</summary>
    /// <exception cref="InvalidOperationException">The node type's GraphQL name is not its class name less <c>Type</c>.</exception>
    public override void Initialize(ISchema schema)
    {
        base.Initialize(schema);
        ConnectionNames.Check(this, GetField("nodes"), "Connection");
    }
}
