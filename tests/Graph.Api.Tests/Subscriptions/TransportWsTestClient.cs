using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>A minimal graphql-transport-ws client over the in-memory test server.</summary>
public sealed class TransportWsTestClient : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private TransportWsTestClient(WebSocket socket) => _socket = socket;

    public static async Task<TransportWsTestClient> ConnectAsync(ShopApiFactory factory, string? token = null)
    {
        var client = factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(factory.Server.BaseAddress, "graphql"), CancellationToken.None);
        var connection = new TransportWsTestClient(socket);
        await connection.SendAsync(new { type = "connection_init", payload = token is null ? null : new { authorization = $"Bearer {token}" } });
        var ack = await connection.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("connection_ack", ack?["type"]?.ToString());
        return connection;
    }

    /// <summary>Subscribes, then waits for a query sent after it: the subscription is in place when this returns.</summary>
    public async Task SubscribeAsync(string id, string query, object? variables = null)
    {
        await SendAsync(new { id, type = "subscribe", payload = new { query, variables } });
        await SendAsync(new { id = id + "-barrier", type = "subscribe", payload = new { query = "{ __typename }" } });
        while (await ReceiveAsync(TimeSpan.FromSeconds(10)) is { } message)
        {
            if (message["id"]?.ToString() == id + "-barrier" && message["type"]?.ToString() == "complete")
            {
                return;
            }

            Assert.False(message["id"]?.ToString() == id && message["type"]?.ToString() == "error", message.ToJsonString());
        }

        Assert.Fail("The barrier query did not complete.");
    }

    /// <summary>The next message other than a keep-alive ping, or null when none comes in time.</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), cancellation.Token) switch { var r => new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage) };
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count))!;
                if (message["type"]?.ToString() != "ping")
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reads until the server closes the connection: its close code, or null when it is still open after <paramref name="timeout"/>.</summary>
    public async Task<int?> ClosedWithAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (await ReceiveAsync(timeout) is null)
            {
                return _socket.CloseStatus is { } status ? (int)status : null;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Torn down with the server.
            }
        }

        _socket.Dispose();
    }

    public Task SendAsync(object message) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
}
