using GraphQL.Types;

namespace Graph.AspNetCore.Relay;

/// <summary>The Relay <c>Node</c> interface: <c>interface Node { id: ID! }</c>.</summary>
public sealed class NodeInterfaceType : InterfaceGraphType
{
    /// <summary>Creates the interface.</summary>
    public NodeInterfaceType()
    {
        Name = "Node";
        Description = "An object with a global id, refetchable with `node(id:)`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object's global id.");
    }
}
