using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>The client sent more requests than its rate allows. 429, sent with <c>Retry-After</c>.</summary>
public sealed class RateLimitedError()
    : TransportError(
        "Too many requests from this address; try again after the time in Retry-After.",
        ErrorCodes.RateLimited,
        StatusCodes.Status429TooManyRequests);
