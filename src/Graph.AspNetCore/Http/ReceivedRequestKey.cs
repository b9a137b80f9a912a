using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Graph.AspNetCore.Http;

/// <summary>
/// A key for a request exactly as it was sent (<see cref="ReceivedRequest"/>) and the media type it
/// is answered in: the SHA-256 of its body or query string, the method and the media type. The
/// response cache remembers which of its entries such a request was answered from, so the same bytes
/// sent again are answered without being read as GraphQL. A cryptographic hash, because two requests
/// that share a key share an answer. (It holds no line break, so it never equals a cached result's
/// own key, which does.)
/// </summary>
internal static class ReceivedRequestKey
{
    private const int HashChars = 43; // 32 bytes in Base64url, unpadded

    public static string Of(in ReceivedRequest received, string mediaType)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (received.QueryString is { } queryString)
        {
            SHA256.HashData(MemoryMarshal.AsBytes(queryString.AsSpan()), digest);
        }
        else if (received.Body.IsSingleSegment)
        {
            SHA256.HashData(received.Body.FirstSpan, digest);
        }
        else
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var segment in received.Body)
            {
                hash.AppendData(segment.Span);
            }

            hash.GetHashAndReset(digest);
        }

        var method = received.QueryString is null ? " POST " : " GET ";
        Span<char> key = stackalloc char[HashChars + method.Length + mediaType.Length];
        Base64Url.EncodeToChars(digest, key);
        method.CopyTo(key[HashChars..]);
        mediaType.CopyTo(key[(HashChars + method.Length)..]);
        return new string(key);
    }
}
