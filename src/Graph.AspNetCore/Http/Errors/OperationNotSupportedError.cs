using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>
/// A subscription sent as a plain HTTP request: it needs a streaming transport (WebSocket or
/// server-sent events). 400.
/// </summary>
public sealed class OperationNotSupportedError()
    : TransportError(
        "Subscriptions are not supported over this transport; use a WebSocket or server-sent events.",
        ErrorCodes.OperationNotSupported,
        StatusCodes.Status400BadRequest);
