using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// A graphql-transport-ws client on a real socket that reads continuously into a queue, so a test may
/// wait for messages with timeouts without tearing the socket down (a cancelled receive would).
/// </summary>
public sealed class SocketSubscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonNode> _messages = Channel.CreateUnbounded<JsonNode>();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;

    /// <summary>True once the socket has ended (closed by the server, or dropped).</summary>
    public bool Ended { get; private set; }

    public static async Task<SocketSubscriber> ConnectAsync(Uri endpoint, string token)
    {
        var client = new SocketSubscriber();
        client._socket.Options.AddSubProtocol("graphql-transport-ws");
        await client._socket.ConnectAsync(new UriBuilder(endpoint) { Scheme = "ws" }.Uri, CancellationToken.None);
        client._reading = client.ReadAsync();
        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        var ack = await client.NextAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("connection_ack", ack?["type"]?.ToString());
        return client;
    }

    public Task SubscribeAsync(string id, string query) => SendAsync(new { id, type = "subscribe", payload = new { query } });

    /// <summary>The next message other than a keep-alive; null when none came in time or the socket ended.</summary>
    public async Task<JsonNode?> NextAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cancellation.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }

    private Task SendAsync(object message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private async Task ReadAsync()
    {
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
                    result = await _socket.ReceiveAsync(chunk.AsMemory(), _stop.Token);
                    buffer.Write(chunk, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var message = JsonNode.Parse(buffer.ToArray())!;
                if (message["type"]?.ToString() == "ping")
                {
                    await SendAsync(new { type = "pong" });
                }
                else if (message["type"]?.ToString() != "pong")
                {
                    _messages.Writer.TryWrite(message);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped, or disposed.
        }

        Ended = true;
        _messages.Writer.TryComplete();
    }
}
