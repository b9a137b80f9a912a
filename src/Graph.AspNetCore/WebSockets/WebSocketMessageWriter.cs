using System.Buffers;
using System.Text.Json;
using GraphQL;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// Serializes an outgoing message, <c>{"id":…,"type":…,"payload":…}</c>, with the GraphQL
/// serializer's options: a result as an execution result, a list of errors as an array of errors.
/// </summary>
internal static class WebSocketMessageWriter
{
    public static ArrayBufferWriter<byte> Serialize(string type, string? id, object? payload, JsonSerializerOptions json)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteString("type", type);
        switch (payload)
        {
            case null:
                break;
            case ExecutionResult result:
                writer.WritePropertyName("payload");
                JsonSerializer.Serialize(writer, result, json);
                break;
            case List<ExecutionError> errors:
                writer.WritePropertyName("payload");
                writer.WriteStartArray();
                foreach (var error in errors)
                {
                    JsonSerializer.Serialize(writer, error, json);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WritePropertyName("payload");
                JsonSerializer.Serialize(writer, payload, payload.GetType(), json);
                break;
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }
}
