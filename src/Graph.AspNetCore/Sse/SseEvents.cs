using System.Buffers;
using System.Text.Json;
using GraphQL;

namespace Graph.AspNetCore.Sse;

/// <summary>
/// The events of the graphql-sse protocol, as bytes ready to write: <c>next</c> with a result and
/// <c>complete</c>, each bare (distinct connections mode) or addressed to an operation id (single
/// connection mode: <c>{"id":…,"payload":…}</c> and <c>{"id":…}</c>), and the keep-alive comment.
/// </summary>
internal static class SseEvents
{
    private static readonly byte[] NextPrefix = "event: next\ndata: "u8.ToArray();
    private static readonly byte[] CompletePrefix = "event: complete\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>A bare <c>complete</c>; the empty <c>data:</c> line makes EventSource dispatch it.</summary>
    public static ReadOnlyMemory<byte> Complete { get; } = "event: complete\ndata:\n\n"u8.ToArray();

    /// <summary>An SSE comment: it keeps proxies from cutting an idle stream, and clients ignore it.</summary>
    public static ReadOnlyMemory<byte> KeepAlive { get; } = ":\n\n"u8.ToArray();

    /// <summary>A <c>next</c> event carrying <paramref name="result"/>, addressed to <paramref name="id"/> when given.</summary>
    public static ReadOnlyMemory<byte> Next(ExecutionResult result, JsonSerializerOptions json, string? id = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(NextPrefix);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true }))
        {
            if (id is null)
            {
                JsonSerializer.Serialize(writer, result, json);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WritePropertyName("payload");
                JsonSerializer.Serialize(writer, result, json);
                writer.WriteEndObject();
            }
        }

        buffer.Write(EventEnd);
        return buffer.WrittenMemory;
    }

    /// <summary>A <c>complete</c> event addressed to <paramref name="id"/>.</summary>
    public static ReadOnlyMemory<byte> CompleteFor(string id, JsonSerializerOptions json)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        buffer.Write(CompletePrefix);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteEndObject();
        }

        buffer.Write(EventEnd);
        return buffer.WrittenMemory;
    }
}
