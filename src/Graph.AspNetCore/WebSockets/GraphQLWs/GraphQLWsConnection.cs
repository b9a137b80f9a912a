using System.Net.WebSockets;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.WebSockets.GraphQLWs;

/// <summary>
/// The legacy <c>graphql-ws</c> subprotocol (subscriptions-transport-ws): <c>connection_init</c> →
/// <c>connection_ack</c> then <c>ka</c> at once and at the keep-alive interval; <c>start</c> →
/// <c>data</c>* then <c>complete</c> or <c>error</c>; <c>stop</c> ends an operation and
/// <c>connection_terminate</c> the connection. Refused credentials get <c>connection_error</c>
/// before the close. As in the reference server, a <c>start</c> with an id in use replaces that
/// operation. Close codes are those of the shared base (4400, 4401, 4403, 4408, 4429).
/// </summary>
internal sealed class GraphQLWsConnection<TSchema>(WebSocket socket, HttpContext http, WebSocketConnectionServices<TSchema> services)
    : GraphQLWebSocketConnection<TSchema>(socket, http, services)
    where TSchema : ISchema
{
    /// <summary>The subprotocol's name.</summary>
    public const string SubProtocol = "graphql-ws";

    protected override string ResultMessageType => "data";

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
                if (IsAcknowledged && Options.KeepAliveInterval > TimeSpan.Zero)
                {
                    await SendKeepAliveAsync().ConfigureAwait(false);
                }

                return;
            case "start":
                await StartAsync(message).ConfigureAwait(false);
                return;
            case "stop":
                if (string.IsNullOrEmpty(message.IdString))
                {
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'stop' requires a non-empty string 'id'").ConfigureAwait(false);
                    return;
                }

                StopOperation(message.IdString);
                return;
            case "connection_terminate":
                await CloseAsync((int)WebSocketCloseStatus.NormalClosure, "Terminated").ConfigureAwait(false);
                return;
            default:
                await CloseAsync(WebSocketCloseCodes.BadRequest, LimitReason($"Invalid message received: unexpected type '{message.Type}'")).ConfigureAwait(false);
                return;
        }
    }

    protected override Task SendKeepAliveAsync() => SendAsync("ka", null, null);

    protected override Task OnAuthenticationRefusedAsync() =>
        SendAsync("connection_error", null, new Dictionary<string, string> { ["message"] = "Forbidden" });

    protected override async Task OnDuplicateOperationAsync(string id, GraphQLRequest request)
    {
        StopOperation(id);
        await StartOperationAsync(id, request).ConfigureAwait(false);
    }

    private async Task StartAsync(WebSocketMessage message)
    {
        var id = message.IdString;
        if (string.IsNullOrEmpty(id))
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'start' requires a non-empty string 'id'").ConfigureAwait(false);
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
