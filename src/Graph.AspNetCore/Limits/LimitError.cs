using GraphQL;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// A request refused by one of the <see cref="GraphQLLimitsOptions"/> before anything ran; its
/// <c>extensions.code</c> names the limit. Transports answer it with a 4xx status (or a protocol error).
/// </summary>
public sealed class LimitError : ExecutionError
{
    /// <summary>Creates the error with the limit's code.</summary>
    public LimitError(string code, string message)
        : base(message) => Code = code;
}
