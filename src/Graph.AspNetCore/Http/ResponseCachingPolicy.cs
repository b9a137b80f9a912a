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

    private static bool IsAnonymous(HttpContext context) =>
        !context.Request.Headers.ContainsKey(HeaderNames.Authorization) && context.User.Identity?.IsAuthenticated != true;
}
