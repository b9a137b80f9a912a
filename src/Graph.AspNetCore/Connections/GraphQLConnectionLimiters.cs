using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Connections;

/// <summary>
/// The open WebSockets and SSE streams of this instance, each kind counted against its limits of
/// <see cref="GraphQLLimitsOptions"/>. One per application, shared by every GraphQL endpoint.
/// </summary>
public sealed class GraphQLConnectionLimiters
{
    /// <summary>Creates the limiters from <c>GraphQL:Limits</c>.</summary>
    public GraphQLConnectionLimiters(IOptions<GraphQLServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.Limits;

        // A WebSocket's user is known only after connection_init, long after the upgrade, so sockets
        // are counted per address only.
        WebSockets = new ConnectionLimiter(limits.MaxWebSockets, limits.MaxWebSocketsPerClient, maxPerUser: 0);
        SseStreams = new ConnectionLimiter(limits.MaxSseStreams, limits.MaxSseStreamsPerClient, limits.MaxSseStreamsPerUser);
    }

    /// <summary>The open GraphQL WebSockets.</summary>
    public ConnectionLimiter WebSockets { get; }

    /// <summary>The open SSE streams (every <c>text/event-stream</c> response, a query's included).</summary>
    public ConnectionLimiter SseStreams { get; }
}
