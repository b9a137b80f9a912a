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

    protected override Task OnMessageAsync(WebSocketMessage message) => message.Type switch
    {
        "connection_init" => InitialiseAsync(message),
        "start" => SubscribeAsync(message),
        "stop" => CompleteAsync(message),
        "connection_terminate" => CloseAsync((int)WebSocketCloseStatus.NormalClosure, "Terminated"),
        _ => RefuseAsync(message),
    };

    protected override Task SendKeepAliveAsync() => SendAsync("ka", null, null);

    protected override Task OnAcknowledgedAsync() =>
        Options.KeepAliveInterval > TimeSpan.Zero ? SendKeepAliveAsync() : Task.CompletedTask;

    protected override Task OnAuthenticationRefusedAsync() =>
        SendAsync("connection_error", null, new Dictionary<string, string> { ["message"] = "Forbidden" });

    protected override async Task OnDuplicateOperationAsync(string id, GraphQLRequest request)
    {
        StopOperation(id);
        await StartOperationAsync(id, request).ConfigureAwait(false);
    }
}
