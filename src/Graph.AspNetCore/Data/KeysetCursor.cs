using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Cursors: base64 of a JSON array holding a fingerprint of the order and then the values of every
/// sort key of the item, the unique key last (<c>["1f3a9c0b", 1299, "Lamp", 42]</c>).
/// Opaque to clients by contract; readable to us, and checked strictly when they come back.
/// </summary>
internal static class KeysetCursor
{
    // Far above any real cursor (a handful of keys), low enough that garbage is turned away unread.
    private const int MaxLength = 8192;

    /// <summary>
    /// A fingerprint of the keys' names and directions. A cursor is only valid for the order it was
    /// made in: under another order its values would mean another position.
    /// </summary>
    public static string Fingerprint<TEntity>(IReadOnlyList<SortKey<TEntity>> keys)
        where TEntity : class
    {
        // FNV-1a: stable across processes and restarts, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var key in keys)
        {
            foreach (var c in string.Concat(key.Name, key.Direction == SortDirection.Ascending ? "+" : "-", "|"))
            {
                hash = (hash ^ c) * 16777619u;
            }
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>The cursor of an item whose key values are <paramref name="values"/>.</summary>
    public static string Encode<TEntity>(string fingerprint, IReadOnlyList<SortKey<TEntity>> keys, IReadOnlyList<object?> values)
        where TEntity : class
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(fingerprint);
            for (var i = 0; i < keys.Count; i++)
            {
                if (values[i] is { } value)
                {
                    keys[i].KeyType.Write(writer, value);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    /// <summary>The key values of a cursor; null when it is not a cursor of this order.</summary>
    public static object[]? Decode<TEntity>(string cursor, string fingerprint, IReadOnlyList<SortKey<TEntity>> keys)
        where TEntity : class
    {
        if (cursor.Length == 0 || cursor.Length > MaxLength)
        {
            return null;
        }

        var bytes = new byte[cursor.Length * 3 / 4];
        if (!Convert.TryFromBase64String(cursor, bytes, out var length))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 2 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array
                || root.GetArrayLength() != keys.Count + 1
                || root[0].ValueKind != JsonValueKind.String
                || root[0].GetString() != fingerprint)
            {
                return null;
            }

            var values = new object[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                if (!keys[i].KeyType.TryRead(root[i + 1], out var value))
                {
                    return null;
                }

                values[i] = value;
            }

            return values;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string value that is not valid UTF-8.
            return null;
        }
    }
}
