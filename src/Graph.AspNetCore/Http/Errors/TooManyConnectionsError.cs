using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>
/// A WebSocket or SSE stream refused by a connection limit: 503 when the instance is full, 429 when
/// the client address or the user holds as many as allowed. Sent with <c>Retry-After</c>.
/// </summary>
public sealed class TooManyConnectionsError(ConnectionRefusal refusal, string kind)
    : TransportError(
        refusal switch
        {
            ConnectionRefusal.Instance => $"The server holds as many {kind} as it allows; try again later.",
            ConnectionRefusal.User => $"You hold as many {kind} as allowed; close one first.",
            _ => $"This client holds as many {kind} as allowed; close one first.",
        },
        ErrorCodes.TooManyConnections,
        refusal == ConnectionRefusal.Instance ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests);
