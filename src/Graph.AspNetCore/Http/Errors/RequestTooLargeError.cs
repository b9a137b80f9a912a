using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>The request body is larger than <see cref="GraphQLServerOptions.MaxRequestBodySize"/>. 413.</summary>
public sealed class RequestTooLargeError(long limit)
    : TransportError(
        $"The request body is larger than {limit} bytes.",
        ErrorCodes.RequestTooLarge,
        StatusCodes.Status413PayloadTooLarge);
