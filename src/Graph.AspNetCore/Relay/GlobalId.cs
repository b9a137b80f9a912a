using System.Buffers.Text;
using System.Text;

namespace Graph.AspNetCore.Relay;

/// <summary>
/// Relay global ids as HotChocolate writes them: base64 of <c>TypeName:key</c>
/// (<c>Product:1</c> becomes <c>UHJvZHVjdDox</c>).
/// </summary>
public static class GlobalId
{
    private const int MaxIdLength = 512;

    /// <summary>Encodes a type name and key.</summary>
    public static string Encode(string typeName, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(typeName, ":", key)));

    /// <summary>Encodes a type name and integer key.</summary>
    public static string Encode(string typeName, int key)
    {
        // Every node of a page has one: written in a stack buffer, only the id itself is allocated.
        Span<byte> text = stackalloc byte[256];
        if (!Encoding.UTF8.TryGetBytes(typeName, text, out var written) || written + 12 > text.Length)
        {
            return Encode(typeName, key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        text[written++] = (byte)':';
        key.TryFormat(text[written..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        return Convert.ToBase64String(text[..(written + digits)]);
    }

    /// <summary>
    /// Decodes an id into its type name and key; false for anything that is not one
    /// (not base64, no separator, empty parts, too long).
    /// </summary>
    public static bool TryDecode(string? id, out string typeName, out string key)
    {
        typeName = key = string.Empty;
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[Base64.GetMaxDecodedFromUtf8Length(id.Length)];
        if (!Convert.TryFromBase64String(id, buffer, out var written))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer[..written]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var separator = text.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1)
        {
            return false;
        }

        typeName = text[..separator];
        key = text[(separator + 1)..];
        return true;
    }

    /// <summary>Decodes an id of the expected type with an integer key.</summary>
    public static bool TryDecode(string? id, string expectedTypeName, out int key)
    {
        key = 0;
        return TryDecode(id, out var typeName, out var text)
            && typeName == expectedTypeName
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out key);
    }
}
