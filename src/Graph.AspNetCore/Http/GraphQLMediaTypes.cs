using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Graph.AspNetCore.Http;

/// <summary>The response media types of GraphQL over HTTP (the choice between them: <see cref="AcceptedMediaTypes"/>).</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The GraphQL-over-HTTP media type: request errors are answered with 4xx.</summary>
    public const string GraphQLResponse = "application/graphql-response+json";

    /// <summary>The legacy media type: every well-formed GraphQL request is answered with 200.</summary>
    public const string Json = "application/json";

    private const string GraphQLResponseUtf8 = GraphQLResponse + "; charset=utf-8";
    private const string JsonUtf8 = Json + "; charset=utf-8";

    /// <summary>The <c>Content-Type</c> value written for a chosen media type.</summary>
    public static string ContentTypeFor(string mediaType) =>
        mediaType == GraphQLResponse ? GraphQLResponseUtf8 : JsonUtf8;

    /// <summary>Whether a request's content type is JSON in UTF-8 (no charset means UTF-8).</summary>
    public static bool IsJsonContent(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        if (!parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = parsed.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the request asks for an HTML page (a browser navigating to the endpoint).</summary>
    public static bool AcceptsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var values)
            && values.Any(v => v.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && (v.Quality ?? 1.0) > 0);
    }
}
