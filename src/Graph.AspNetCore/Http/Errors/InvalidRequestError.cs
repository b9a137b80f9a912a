using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>The request is JSON but not a well-formed GraphQL request. 400.</summary>
public sealed class InvalidRequestError(string message)
    : TransportError(message, ErrorCodes.InvalidRequest, StatusCodes.Status400BadRequest);
