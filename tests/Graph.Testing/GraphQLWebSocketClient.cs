using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace Graph.Testing;

/// <summary>
/// A GraphQL WebSocket client for tests, over a real socket or an in-memory test server, for either
/// subprotocol. It sends exactly what a test says. It reads only when a test asks (so a client that
/// never reads can be played), unless it is told to read ahead; either way a receive that times out
/// leaves the socket open and the next receive gets the message that came late.
/// </summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    /// <summary>How long a receive waits unless a test says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly WebSocket _socket;
    private readonly Channel<JsonObject>? _readAhead;
    private Task<JsonObject?>? _pending;

    private GraphQLWebSocketClient(WebSocket socket, bool readAhead)
    {
        _socket = socket;
        if (readAhead)
        {
            _readAhead = Channel.CreateUnbounded<JsonObject>();
            _ = ReadAheadAsync(_readAhead.Writer);
        }
    }

    public string? SubProtocol => _socket.SubProtocol;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>True once a read has seen the socket end (closed by the server, or dropped).</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Opens a real socket to <paramref name="endpoint"/> (an http or https address) and, unless told
    /// otherwise, initialises it (with <paramref name="token"/> as the bearer token when one is given).
    /// </summary>
    public static async Task<GraphQLWebSocketClient> ConnectAsync(Uri endpoint, string subProtocol = "graphql-transport-ws", bool initialise = true, string? token = null, bool readAhead = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        await socket.ConnectAsync(WebSocketUri(endpoint), CancellationToken.None);
        return await OpenedAsync(new GraphQLWebSocketClient(socket, readAhead), initialise, token);
    }

    /// <summary>The same on the GraphQL path of an in-memory test server.</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAsync(TestServer server, string subProtocol = "graphql-transport-ws", bool initialise = true, string? token = null)
    {
        var client = server.CreateWebSocketClient();
        client.SubProtocols.Add(subProtocol);
        var socket = await client.ConnectAsync(new Uri(server.BaseAddress, "graphql"), CancellationToken.None);
        return await OpenedAsync(new GraphQLWebSocketClient(socket, readAhead: false), initialise, token);
    }

    /// <summary>Tries to open a real socket; the HTTP status and headers of the answer when it is refused.</summary>
    public static async Task<(HttpStatusCode Status, IReadOnlyDictionary<string, IEnumerable<string>>? Headers)> TryConnectAsync(Uri endpoint, string subProtocol = "graphql-transport-ws")
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
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

    /// <summary>Sends <c>connection_init</c> (with the bearer token when one is given) and waits for the acknowledgement.</summary>
    public async Task InitialiseAsync(string? token = null)
    {
        await SendAsync(new { type = "connection_init", payload = token is null ? null : new { authorization = $"Bearer {token}" } });
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack?["type"]?.ToString());
    }

    /// <summary>
    /// Subscribes (graphql-transport-ws), then waits for a query sent after it to complete: operations
    /// on a connection start in order, so the subscription is in place when this returns.
    /// </summary>
    public async Task SubscribeAsync(string id, string query, object? variables = null)
    {
        await SendAsync(new { id, type = "subscribe", payload = new { query, variables } });
        await SendAsync(new { id = id + "-barrier", type = "subscribe", payload = new { query = "{ __typename }" } });
        while (await ReceiveAsync() is { } message)
        {
            if (message["id"]?.ToString() == id + "-barrier" && message["type"]?.ToString() == "complete")
            {
                return;
            }

            Assert.False(message["id"]?.ToString() == id && message["type"]?.ToString() == "error", message.ToJsonString());
        }

        Assert.Fail("The barrier query did not complete.");
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message other than the server's keep-alive (<c>ping</c>, <c>ka</c>); null when the socket ended or nothing came in time.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (await NextAsync(deadline.Token) is { } message)
        {
            if (message["type"]?.ToString() is not ("ping" or "ka"))
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>The next message whatever it is, keep-alives included; null when the socket ended or nothing came in time.</summary>
    public async Task<JsonObject?> ReceiveAnyAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await NextAsync(deadline.Token);
    }

    /// <summary>Reads until the message for <paramref name="id"/> of type <paramref name="type"/>; null when the socket ends first.</summary>
    public async Task<JsonObject?> ReceiveForAsync(string id, string type)
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

    /// <summary>Reads until the server closes: its close code and reason, and the messages it sent before.</summary>
    public async Task<(int Code, string? Reason, List<JsonObject> Before)> ReceiveCloseAsync()
    {
        var before = new List<JsonObject>();
        using var deadline = new CancellationTokenSource(DefaultTimeout);
        while (await NextAsync(deadline.Token) is { } message)
        {
            before.Add(message);
        }

        Assert.True(Ended, "The server did not close the socket in time.");
        Assert.True(_socket.CloseStatus is not null, "The socket dropped without a close.");
        return ((int)_socket.CloseStatus!.Value, _socket.CloseStatusDescription, before);
    }

    /// <summary>Closes normally; with a read outstanding, sends the close and lets that read see the server's.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                if (_readAhead is null && _pending is null)
                {
                    await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                else
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
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

    private static async Task<GraphQLWebSocketClient> OpenedAsync(GraphQLWebSocketClient client, bool initialise, string? token)
    {
        if (initialise)
        {
            await client.InitialiseAsync(token);
        }

        return client;
    }

    /// <summary>The next message, waiting until <paramref name="deadline"/>; a read cut off by the deadline is kept for the next call.</summary>
    private async Task<JsonObject?> NextAsync(CancellationToken deadline)
    {
        try
        {
            if (_readAhead is not null)
            {
                return await _readAhead.Reader.ReadAsync(deadline);
            }

            if (Ended && _pending is null)
            {
                return null;
            }

            _pending ??= ReadMessageAsync();
            var message = await _pending.WaitAsync(deadline);
            _pending = null;
            return message;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    private async Task ReadAheadAsync(ChannelWriter<JsonObject> messages)
    {
        while (await ReadMessageAsync() is { } message)
        {
            messages.TryWrite(message);
        }

        messages.TryComplete();
    }

    /// <summary>Reads one whole message (however many frames it takes); null when the socket ends.</summary>
    private async Task<JsonObject?> ReadMessageAsync()
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                buffer.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType != WebSocketMessageType.Close)
            {
                return JsonNode.Parse(buffer.ToArray())!.AsObject();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Dropped, or disposed.
        }

        Ended = true;
        return null;
    }
}
