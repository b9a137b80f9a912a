using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Transport;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>
/// A persisted document's id: the SHA-256 of its UTF-8 text in lower-case hex, as Apollo's
/// automatic persisted queries send it (<c>extensions.persistedQuery.sha256Hash</c>) and as the
/// GraphQL-over-HTTP persisted documents proposal does (<c>documentId: "sha256:…"</c>).
/// </summary>
public static class PersistedOperationId
{
    /// <summary>The <c>extensions</c> entry Apollo's persisted query link sends.</summary>
    public const string ExtensionKey = "persistedQuery";

    private const string Prefix = "sha256:";
    private const int HexLength = 64;

    /// <summary>The id of a document text.</summary>
    public static string Of(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var length = Encoding.UTF8.GetMaxByteCount(document.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(document, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads the id a request names, if any: <c>documentId</c> (with or without the <c>sha256:</c>
    /// prefix) or Apollo's <c>extensions.persistedQuery</c> (version 1). A malformed one is an error.
    /// </summary>
    public static (string? Id, ExecutionError? Error) Read(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DocumentId is { } documentId)
        {
            var hex = documentId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? documentId[Prefix.Length..] : documentId;
            return IsHash(hex)
                ? (hex.ToLowerInvariant(), null)
                : (null, Invalid($"The documentId '{Shorten(documentId)}' is not a SHA-256 hash ('sha256:' and 64 hexadecimal digits)."));
        }

        if (request.Extensions is null || !request.Extensions.TryGetValue(ExtensionKey, out var value) || value is null)
        {
            return (null, null);
        }

        if (value is not IReadOnlyDictionary<string, object?> persistedQuery)
        {
            return (null, Invalid("'extensions.persistedQuery' must be an object with 'version' and 'sha256Hash'."));
        }

        if (!persistedQuery.TryGetValue("version", out var version) || !IsVersionOne(version))
        {
            return (null, new PersistedOperationError(ErrorCodes.PersistedQueryNotSupported, "Only version 1 of persisted queries is supported."));
        }

        return persistedQuery.TryGetValue("sha256Hash", out var hash) && hash is string text && IsHash(text)
            ? (text.ToLowerInvariant(), null)
            : (null, Invalid("'extensions.persistedQuery.sha256Hash' must be a SHA-256 hash (64 hexadecimal digits)."));
    }

    private static bool IsVersionOne(object? version) => version switch
    {
        int i => i == 1,
        long l => l == 1,
        double d => d == 1,
        decimal m => m == 1,
        string s => s == "1",
        IConvertible c => c.ToInt64(CultureInfo.InvariantCulture) == 1,
        _ => false,
    };

    private static bool IsHash(string text) => text.Length == HexLength && text.AsSpan().ContainsAnyExcept(HexDigits) is false;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static PersistedOperationError Invalid(string message) => new(ErrorCodes.PersistedQueryInvalid, message);
}
