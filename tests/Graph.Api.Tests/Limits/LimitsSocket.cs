using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// A raw GraphQL WebSocket client on a real socket, for either subprotocol: it sends exactly what a
/// test says, and reads only when a test asks, so a client that never reads can be played.
/// </summary>
public sealed class LimitsSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private LimitsSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>Opens a socket and, unless told otherwise, initialises it and waits for the acknowledgement.</summary>
    public static async Task<LimitsSocket> ConnectAsync(Uri endpoint, string subProtocol = "graphql-transport-ws", bool initialise = true)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        await socket.ConnectAsync(WebSocketUri(endpoint), CancellationToken.None);
        var client = new LimitsSocket(socket);
        if (initialise)
        {
            await client.SendAsync(new { type = "connection_init" });
            var ack = await client.ReceiveAsync();
            Assert.Equal("connection_ack", ack?["type"]?.ToString());
        }

        return client;
    }

    /// <summary>Tries to open a socket; the HTTP status and headers of the answer when it is refused.</summary>
    public static async Task<(HttpStatusCode Status, IReadOnlyDictionary<string, IEnumerable<string>>? Headers)> TryConnectAsync(Uri endpoint)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(WebSocketUri(endpoint), CancellationToken.None);
            socket.Abort();
            return (HttpStatusCode.SwitchingProtocols, null);
        }
        catch (WebSocketException)
        {
            return (socket.HttpStatusCode, socket.HttpResponseHeaders);
        }
    }

    public static Uri WebSocketUri(Uri endpoint) => new UriBuilder(endpoint) { Scheme = endpoint.Scheme == "https" ? "wss" : "ws" }.Uri;

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message other than a keep-alive; null when the socket closed (or failed, or nothing came in time).</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                buffer.SetLength(0);
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(chunk.AsMemory(), cancellation.Token);
                    buffer.Write(chunk, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                var message = JsonNode.Parse(buffer.ToArray())!;
                if (message["type"]?.ToString() is not ("ping" or "ka"))
                {
                    return message;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reads until the message for <paramref name="id"/> of type <paramref name="type"/>; null when the socket ends first.</summary>
    public async Task<JsonNode?> ReceiveForAsync(string id, string type)
    {
        while (await ReceiveAsync() is { } message)
        {
            if (message["id"]?.ToString() == id && message["type"]?.ToString() == type)
            {
                return message;
            }
        }

        return null;
    }

    public async Task CloseAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server went first.
            }
        }
    }

    /// <summary>Drops the connection without a close handshake, as a client that vanishes does.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _socket.Dispose();
    }
}
