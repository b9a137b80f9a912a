using GraphQL.Types;

namespace Graph.AspNetCore.Mutations;

/// <summary>
/// The graph type of a domain error: named after the error's CLR type (<c>OutOfStockError</c>),
/// implementing <c>Error</c>. Subclasses add the error's own fields.
/// </summary>
public abstract class ErrorObjectType<TError> : ObjectGraphType<TError>
    where TError : IPayloadError
{
    /// <summary>Creates the type with its <c>message</c> field.</summary>
    protected ErrorObjectType()
    {
        Name = typeof(TError).Name;
        Interface<ErrorInterfaceType>();
        Field(e => e.Message).Description("What went wrong.");
    }
}
