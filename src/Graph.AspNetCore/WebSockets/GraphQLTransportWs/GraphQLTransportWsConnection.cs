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

    protected override async Task OnMessageAsync(WebSocketMessage message)
    {
        switch (message.Type)
        {
            case "connection_init":
                if (!message.PayloadIsObjectOrNullish)
                {
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'connection_init' expects an object payload").ConfigureAwait(false);
                    return;
                }

                await InitialiseAsync(message.Payload).ConfigureAwait(false);
                return;
            case "ping":
                if (!message.PayloadIsObjectOrNullish)
                {
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'ping' expects an object payload").ConfigureAwait(false);
                    return;
                }

                await SendAsync("pong", null, null).ConfigureAwait(false);
                return;
            case "pong":
                return;
            case "subscribe":
                await SubscribeAsync(message).ConfigureAwait(false);
                return;
            case "complete":
                if (string.IsNullOrEmpty(message.IdString))
                {
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'complete' requires a non-empty string 'id'").ConfigureAwait(false);
                    return;
                }

                StopOperation(message.IdString);
                return;
            default:
                await CloseAsync(WebSocketCloseCodes.BadRequest, LimitReason($"Invalid message received: unexpected type '{message.Type}'")).ConfigureAwait(false);
                return;
        }
    }

    protected override Task SendKeepAliveAsync() => SendAsync("ping", null, null);

    protected override Task OnDuplicateOperationAsync(string id, GraphQLRequest request) =>
        CloseAsync(WebSocketCloseCodes.SubscriberAlreadyExists, LimitReason($"Subscriber for {id} already exists"));

    private async Task SubscribeAsync(WebSocketMessage message)
    {
        var id = message.IdString;
        if (string.IsNullOrEmpty(id))
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'subscribe' requires a non-empty string 'id'").ConfigureAwait(false);
            return;
        }

        var request = ReadRequest(message.Payload, out var problem);
        if (request is null)
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, LimitReason($"Invalid message received: {problem}")).ConfigureAwait(false);
            return;
        }

        if (!IsAcknowledged)
        {
            await CloseAsync(WebSocketCloseCodes.Unauthorized, "Unauthorized").ConfigureAwait(false);
            return;
        }

        await StartOperationAsync(id, request).ConfigureAwait(false);
    }
}
