using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Graph.AspNetCore.Execution;

namespace Graph.AspNetCore.Caching;

/// <summary>
/// The key of a cached result: the document's hash, the operation's name, the response's media type
/// and the variables, normalised (object members sorted by name, so the same values sent in another
/// order share the entry).
/// </summary>
internal static class ResponseCacheKey
{
    public static string For(PreparedRequest prepared, string mediaType)
    {
        var request = prepared.Request;
        var builder = new StringBuilder(128)
            .Append(prepared.Document!.HashOf(request.Query ?? string.Empty)).Append('\n')
            .Append(request.OperationName).Append('\n')
            .Append(mediaType).Append('\n');
        if (request.Variables is { Count: > 0 } variables)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, variables);
            }

            builder.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        return builder.ToString();
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                writer.WriteStartObject();
                foreach (var member in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Key);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable number:
                // Numbers as the client wrote them in JSON; "1" (a string) stays apart from 1.
                writer.WriteRawValue(number.ToString(null, CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
