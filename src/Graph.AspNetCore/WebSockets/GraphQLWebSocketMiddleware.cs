using System.Net.WebSockets;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.WebSockets.GraphQLTransportWs;
using Graph.AspNetCore.WebSockets.GraphQLWs;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// GraphQL over WebSocket at the GraphQL endpoint: an upgrade request is served with the subprotocol
/// it asks for, <c>graphql-transport-ws</c> preferred over the legacy <c>graphql-ws</c>; every other
/// request goes on to the next middleware (GraphQL over HTTP). A client that asks for neither is
/// accepted and closed with 4406 (Subprotocol not acceptable), as graphql-ws servers do.
/// Needs <c>app.UseWebSockets()</c> before the endpoint. Before the upgrade, the socket takes a slot
/// of <see cref="GraphQLConnectionLimiters.WebSockets"/>: past <c>MaxWebSockets</c> it is refused
/// with 503, past <c>MaxWebSocketsPerClient</c> with 429 (both with <c>Retry-After</c>).
/// </summary>
public sealed class GraphQLWebSocketMiddleware<TSchema>
    where TSchema : ISchema
{
    private static readonly string[] SubProtocols = [GraphQLTransportWsConnection<TSchema>.SubProtocol, GraphQLWsConnection<TSchema>.SubProtocol];

    private readonly RequestDelegate _next;
    private readonly WebSocketConnectionServices<TSchema> _services;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly ConnectionLimiter _limiter;

    /// <summary>Creates the middleware.</summary>
    public GraphQLWebSocketMiddleware(RequestDelegate next, GraphQLTransportDependencies<TSchema> transport, ILogger<GraphQLWebSocketMiddleware<TSchema>> logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _next = next;
        _serializer = transport.Serializer;
        _limiter = transport.Limiters.WebSockets;
        _services = new WebSocketConnectionServices<TSchema>(
            transport.Executor,
            transport.Json,
            transport.Options,
            transport.Scopes,
            new ConnectionInitAuthenticator(transport.TokenValidator, transport.Time, logger),
            transport.Time,
            logger);
    }

    /// <summary>Serves a WebSocket upgrade, or passes the request on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        using var lease = _limiter.TryAcquire(ClientKeys.AddressOf(context), user: null, out var refusal);
        if (lease is null)
        {
            await ConnectionRefusalResponse.WriteAsync(context, _serializer, refusal, "WebSockets").ConfigureAwait(false);
            return;
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = SubProtocols.FirstOrDefault(p => requested.Contains(p, StringComparer.Ordinal));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        GraphQLWebSocketConnection<TSchema>? connection = protocol switch
        {
            GraphQLTransportWsConnection<TSchema>.SubProtocol => new GraphQLTransportWsConnection<TSchema>(socket, context, _services),
            GraphQLWsConnection<TSchema>.SubProtocol => new GraphQLWsConnection<TSchema>(socket, context, _services),
            _ => null,
        };
        if (connection is null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync((WebSocketCloseStatus)WebSocketCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The client went away first.
            }

            return;
        }

        await connection.RunAsync().ConfigureAwait(false);
    }
}
