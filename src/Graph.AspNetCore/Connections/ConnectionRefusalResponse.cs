using Graph.AspNetCore.Http;
using Graph.AspNetCore.Http.Errors;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Connections;

/// <summary>
/// Answers a connection a <see cref="ConnectionLimiter"/> refused, before any upgrade or stream:
/// 503 when the instance is full, 429 when the client or user is, with <c>Retry-After</c> and a
/// GraphQL error response whose code is <c>TOO_MANY_CONNECTIONS</c>.
/// </summary>
internal static class ConnectionRefusalResponse
{
    // Slots free up as connections end, which nobody can foresee; a few seconds spreads retries out
    // without keeping a client away long once it has closed its own connections.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static Task WriteAsync(HttpContext context, IGraphQLTextSerializer serializer, ConnectionRefusal refusal, string kind) =>
        RetryLaterResponse.WriteAsync(context, serializer, new TooManyConnectionsError(refusal, kind), RetryAfter);
}
