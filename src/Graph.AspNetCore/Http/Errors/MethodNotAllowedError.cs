using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>The HTTP method cannot carry the request: a mutation over GET, or an unknown method. 405.</summary>
public sealed class MethodNotAllowedError(string message)
    : TransportError(message, ErrorCodes.MethodNotAllowed, StatusCodes.Status405MethodNotAllowed);
