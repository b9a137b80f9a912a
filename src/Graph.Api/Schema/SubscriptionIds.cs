using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Relay;
using GraphQL;

namespace Graph.Api.Schema;

internal static class SubscriptionIds
{
    /// <summary>The integer key of a global id argument of the expected type; an INVALID_ID error otherwise.</summary>
    public static int Key(IResolveFieldContext context, string argument, string typeName)
    {
        var id = context.GetArgument<string>(argument);
        return GlobalId.TryDecode(id, typeName, out var key)
            ? key
            : throw new ExecutionError($"'{id}' is not the id of a {typeName}.") { Code = ErrorCodes.InvalidId };
    }
}
