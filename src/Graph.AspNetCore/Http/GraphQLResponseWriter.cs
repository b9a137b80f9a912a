using System.Security.Cryptography;
using System.Text;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.Limits;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Writes GraphQL-over-HTTP answers in a JSON media type: one result, a batch's array of results, or a
/// transport error; chooses the status a result is answered with, and the caching headers.
/// </summary>
internal sealed class GraphQLResponseWriter(IGraphQLTextSerializer serializer, GraphQLServerOptions options)
{
    /// <summary>
    /// The status of a single result: <c>application/json</c> answers every well-formed GraphQL
    /// request with 200; the GraphQL response media type uses 400 when the request never reached
    /// execution (parse, validation, variables). A request refused by a limit is a 4xx whatever the
    /// media type: it is not a GraphQL error the client can read and fix field by field, but work the
    /// server will not do.
    /// </summary>
    public static int StatusOf(ExecutionResult result, string mediaType) =>
        !result.Executed && result.Errors is [LimitError limit] ? LimitStatus(limit)
        : mediaType == GraphQLMediaTypes.GraphQLResponse && !result.Executed ? StatusCodes.Status400BadRequest
        : StatusCodes.Status200OK;

    /// <summary>
    /// Writes one result with the status <see cref="StatusOf"/> gives it and the caching headers
    /// <paramref name="caching"/> calls for.
    /// </summary>
    public Task WriteResultAsync(HttpContext context, string mediaType, ExecutionResult result, ResponseCaching caching = ResponseCaching.None) =>
        WriteAsync(context, mediaType, StatusOf(result, mediaType), result, caching);

    /// <summary>Writes a transport error with its own status.</summary>
    public Task WriteErrorAsync(HttpContext context, string mediaType, TransportError error) =>
        WriteAsync(context, mediaType, error.StatusCode, new ExecutionResult { Errors = [error] });

    /// <summary>
    /// Writes <paramref name="body"/> (an <see cref="ExecutionResult"/> or a list of them). The body
    /// is written to a buffer bounded by <see cref="GraphQLLimitsOptions.MaxResponseSize"/> before
    /// anything is sent, so a body too large to send is answered with a complete error response
    /// instead of a cut-off one. A public result is hashed on its way into the buffer: the hash is
    /// its entity tag, and a client or cache that holds it already gets a 304 without the body.
    /// </summary>
    public async Task WriteAsync(HttpContext context, string mediaType, int status, object body, ResponseCaching caching = ResponseCaching.None)
    {
        var response = context.Response;
        var contentType = GraphQLMediaTypes.ContentTypeFor(mediaType);
        if (caching == ResponseCaching.NoStore)
        {
            ResponseCachingPolicy.ApplyNoStore(response);
        }

        var limit = options.Limits.MaxResponseSize;
        if (limit <= 0 && caching != ResponseCaching.Public)
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            await serializer.WriteAsync(response.Body, body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await using var buffer = limit > 0 ? new FileBufferingWriteStream(limit, limit) : new FileBufferingWriteStream();
        using var hash = caching == ResponseCaching.Public ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        try
        {
            if (hash is null)
            {
                await serializer.WriteAsync(buffer, body, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                hash.AppendData(Encoding.UTF8.GetBytes(contentType));
                await using var hashing = new HashingWriteStream(buffer, hash);
                await serializer.WriteAsync(hashing, body, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(context, mediaType, StatusCodes.Status400BadRequest, new ExecutionResult
            {
                Errors = [new LimitError(ErrorCodes.ResponseTooLarge, $"The response is larger than {limit} bytes; ask for fewer items or fields.")],
            }, caching == ResponseCaching.None ? ResponseCaching.None : ResponseCaching.NoStore).ConfigureAwait(false);
            return;
        }

        if (hash is not null)
        {
            var entityTag = ResponseCachingPolicy.EntityTag(hash.GetHashAndReset());
            ResponseCachingPolicy.ApplyPublic(response, options.PersistedOperations.MaxAge, entityTag);
            if (ResponseCachingPolicy.IsNotModified(context.Request, entityTag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = buffer.Length;
        await buffer.DrainBufferAsync(response.BodyWriter, context.RequestAborted).ConfigureAwait(false);
    }

    private static int LimitStatus(LimitError error) =>
        error.Code == ErrorCodes.DocumentTooLong ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
}
