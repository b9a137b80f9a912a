using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>None of the media types in the <c>Accept</c> header can be produced. 406.</summary>
public sealed class NotAcceptableError()
    : TransportError(
        "The Accept header allows neither 'application/graphql-response+json' nor 'application/json'.",
        ErrorCodes.NotAcceptable,
        StatusCodes.Status406NotAcceptable);
