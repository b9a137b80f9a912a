using GraphQL.Types;

namespace Graph.AspNetCore.Mutations;

/// <summary><c>interface Error { message: String! }</c>: implemented by every payload error type.</summary>
public sealed class ErrorInterfaceType : InterfaceGraphType<IPayloadError>
{
    /// <summary>Creates the interface.</summary>
    public ErrorInterfaceType()
    {
        Name = "Error";
        Description = "A domain error returned in a mutation payload.";
        Field(e => e.Message).Description("What went wrong.");
    }
}
