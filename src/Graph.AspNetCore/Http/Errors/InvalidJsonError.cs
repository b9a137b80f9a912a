using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>The request body (or a JSON query-string parameter) is not valid JSON. 400.</summary>
public sealed class InvalidJsonError()
    : TransportError("The request body is not valid JSON.", ErrorCodes.InvalidJson, StatusCodes.Status400BadRequest);
