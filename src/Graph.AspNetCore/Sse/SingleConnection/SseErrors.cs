using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Sse.SingleConnection;

/// <summary>The refusals of single connection mode shared by several requests.</summary>
internal static class SseErrors
{
    public static EventStreamError StreamNotFound() => new(
        ErrorCodes.StreamNotFound,
        "No event stream is reserved under this token (it was never made, was not opened in time, or has ended); reserve a new one with PUT.",
        StatusCodes.Status404NotFound);
}
