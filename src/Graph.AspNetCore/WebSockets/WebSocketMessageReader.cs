using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// Reads a GraphQL WebSocket's frames into whole messages, no larger than a limit, and parses a
/// message into its <c>type</c>, <c>id</c> and <c>payload</c>.
/// </summary>
internal sealed class WebSocketMessageReader(WebSocket socket, long maxMessageSize)
{
    private ArrayBufferWriter<byte> _buffer = new(4096);

    /// <summary>The largest message read, in bytes.</summary>
    public long MaxMessageSize => maxMessageSize;

    /// <summary>The message just read (after <see cref="WebSocketReceived.Text"/> or <see cref="WebSocketReceived.Binary"/>).</summary>
    public ReadOnlyMemory<byte> Message => _buffer.WrittenMemory;

    /// <summary>Reads frames until a whole message, the limit passed, or a close.</summary>
    public async ValueTask<WebSocketReceived> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await socket.ReceiveAsync(_buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return WebSocketReceived.Close;
            }

            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > maxMessageSize)
            {
                _buffer.ResetWrittenCount();
                return WebSocketReceived.TooBig;
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Binary ? WebSocketReceived.Binary : WebSocketReceived.Text;
            }
        }

        return WebSocketReceived.Ended;
    }

    /// <summary>Lets go of the message just read before reading the next.</summary>
    public void Release()
    {
        // A large message's buffer is not kept for the rest of a long-lived connection.
        if (_buffer.Capacity > 64 * 1024)
        {
            _buffer = new ArrayBufferWriter<byte>(4096);
        }
        else
        {
            _buffer.ResetWrittenCount();
        }
    }

    /// <summary>
    /// Parses a message: a JSON object with a string <c>type</c>. The message's elements live as long
    /// as <paramref name="document"/>; <paramref name="problem"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> frame, out JsonDocument? document, out WebSocketMessage message, out string? problem)
    {
        message = default;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            document = null;
            problem = "not JSON";
            return false;
        }

        var root = document.RootElement;
        problem = root.ValueKind != JsonValueKind.Object ? "a message must be a JSON object"
            : !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String ? "'type' must be a string"
            : null;
        if (problem is not null)
        {
            return false;
        }

        root.TryGetProperty("id", out var id);
        root.TryGetProperty("payload", out var payload);
        message = new WebSocketMessage(root.GetProperty("type").GetString()!, id, payload);
        return true;
    }
}
