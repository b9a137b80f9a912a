using System.Buffers.Text;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Graph.AspNetCore.Http;

/// <summary>Chooses the <see cref="ResponseCaching"/> of an HTTP GraphQL response.</summary>
internal static class ResponseCachingPolicy
{
    public static ResponseCaching Choose(HttpContext context, PreparedRequest? prepared, ExecutionResult result)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return ResponseCaching.None;
        }

        var isPublic = prepared is { PersistedId: not null, Operation.Operation: OperationType.Query }
            && result.Executed
            && result.Errors is not { Count: > 0 }
            && IsAnonymous(context);
        return isPublic ? ResponseCaching.Public : ResponseCaching.NoStore;
    }

    /// <summary>Sets the caching headers of a response that is not public.</summary>
    public static void ApplyNoStore(HttpResponse response) =>
        response.Headers.CacheControl = "private, no-store";

    /// <summary>Sets the headers of a public response with its entity tag.</summary>
    public static void ApplyPublic(HttpResponse response, TimeSpan maxAge, string entityTag)
    {
        response.Headers.CacheControl = maxAge > TimeSpan.Zero
            ? $"public, max-age={(long)maxAge.TotalSeconds}"
            : "public, no-cache";
        response.Headers.ETag = entityTag;

        // The body depends on the media type negotiated; an Authorization header would have made
        // the answer personal, so a cache must not hand this one to a request that carries one.
        response.Headers.Vary = "Accept, Authorization";
    }

    /// <summary>
    /// Sets the headers of a result served from the response cache that is not public (its document
    /// was sent as text, or the request is signed in): the client may keep it but must ask again
    /// each time, and gets a 304 while it has not changed.
    /// </summary>
    public static void ApplyRevalidate(HttpResponse response, string entityTag)
    {
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.ETag = entityTag;
        response.Headers.Vary = "Accept, Authorization";
    }

    /// <summary>The quoted entity tag of a SHA-256 hash (its first 18 bytes, base64url).</summary>
    public static string EntityTag(byte[] hash) => "\"" + Base64Url.EncodeToString(hash.AsSpan(0, 18)) + "\"";

    /// <summary>Whether the request's <c>If-None-Match</c> names the entity tag (weak comparison, as RFC 9110 asks).</summary>
    public static bool IsNotModified(HttpRequest request, string entityTag)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch is not { Count: > 0 })
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(entityTag);
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    /// <summary>Whether the request carries no credentials and no signed-in user.</summary>
    public static bool IsAnonymous(HttpContext context) =>
        !context.Request.Headers.ContainsKey(HeaderNames.Authorization) && context.User.Identity?.IsAuthenticated != true;
}
