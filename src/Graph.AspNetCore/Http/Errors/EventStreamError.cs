namespace Graph.AspNetCore.Http.Errors;

/// <summary>
/// A request about a single-connection event stream that cannot be served: no stream under its token
/// (404), a stream open already or an operation id in use (409), another user's stream (403), too
/// many operations on it (429).
/// </summary>
public sealed class EventStreamError(string code, string message, int statusCode)
    : TransportError(message, code, statusCode);
