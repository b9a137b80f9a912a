using System.Net.WebSockets;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.WebSockets.GraphQLTransportWs;

/// <summary>
/// The <c>graphql-transport-ws</c> subprotocol (the graphql-ws library's protocol; Banana Cake Pop,
/// Apollo Client, urql): <c>connection_init</c> → <c>connection_ack</c>, <c>ping</c>/<c>pong</c>
/// both ways (the server pings at the keep-alive interval), <c>subscribe</c> → <c>next</c>* then
/// <c>complete</c> or <c>error</c>, and <c>complete</c> from the client to stop an operation.
/// </summary>
internal sealed class GraphQLTransportWsConnection<TSchema>(WebSocket socket, HttpContext http, WebSocketConnectionServices<TSchema> services)
    : GraphQLWebSocketConnection<TSchema>(socket, http, services)
    where TSchema : ISchema
{
    /// <summary>The subprotocol's name.</summary>
    public const string SubProtocol = "graphql-transport-ws";

    protected override string ResultMessageType => "next";

    protected override Task OnMessageAsync(WebSocketMessage message) => message.Type switch
    {
        "connection_init" => InitialiseAsync(message),
        "ping" => PongAsync(message),
        "pong" => Task.CompletedTask,
        "subscribe" => SubscribeAsync(message),
        "complete" => CompleteAsync(message),
        _ => RefuseAsync(message),
    };

    protected override Task SendKeepAliveAsync() => SendAsync("ping", null, null);

    protected override Task OnDuplicateOperationAsync(string id, GraphQLRequest request) =>
        CloseAsync(WebSocketCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");

    private Task PongAsync(WebSocketMessage message) =>
        message.PayloadIsObjectOrNullish
            ? SendAsync("pong", null, null)
            : CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'ping' expects an object payload");
}
