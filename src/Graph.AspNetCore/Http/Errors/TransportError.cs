using GraphQL;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>
/// An error found by the HTTP transport before any GraphQL execution, with the HTTP status it is
/// answered with. It is written as a GraphQL response with no <c>data</c> entry.
/// </summary>
public abstract class TransportError : ExecutionError
{
    /// <summary>Creates the error.</summary>
    protected TransportError(string message, string code, int statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status this error is answered with.</summary>
    public int StatusCode { get; }
}
