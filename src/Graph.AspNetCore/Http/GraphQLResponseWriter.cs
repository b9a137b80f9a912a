using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.Limits;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Writes GraphQL-over-HTTP answers in a JSON media type: one result, a batch's array of results, or a
/// transport error; and chooses the status a result is answered with.
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

    /// <summary>Writes one result with the status <see cref="StatusOf"/> gives it.</summary>
    public Task WriteResultAsync(HttpContext context, string mediaType, ExecutionResult result) =>
        WriteAsync(context, mediaType, StatusOf(result, mediaType), result);

    /// <summary>Writes a transport error with its own status.</summary>
    public Task WriteErrorAsync(HttpContext context, string mediaType, TransportError error) =>
        WriteAsync(context, mediaType, error.StatusCode, new ExecutionResult { Errors = [error] });

    /// <summary>
    /// Writes <paramref name="body"/> (an <see cref="ExecutionResult"/> or a list of them). The body
    /// is written to a buffer bounded by <see cref="GraphQLLimitsOptions.MaxResponseSize"/> before
    /// anything is sent, so a body too large to send is answered with a complete error response
    /// instead of a cut-off one.
    /// </summary>
    public async Task WriteAsync(HttpContext context, string mediaType, int status, object body)
    {
        var response = context.Response;
        var limit = options.Limits.MaxResponseSize;
        if (limit <= 0)
        {
            response.StatusCode = status;
            response.ContentType = GraphQLMediaTypes.ContentTypeFor(mediaType);
            await serializer.WriteAsync(response.Body, body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await using var buffer = new FileBufferingWriteStream(limit, limit);
        try
        {
            await serializer.WriteAsync(buffer, body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(context, mediaType, StatusCodes.Status400BadRequest, new ExecutionResult
            {
                Errors = [new LimitError(ErrorCodes.ResponseTooLarge, $"The response is larger than {limit} bytes; ask for fewer items or fields.")],
            }).ConfigureAwait(false);
            return;
        }

        response.StatusCode = status;
        response.ContentType = GraphQLMediaTypes.ContentTypeFor(mediaType);
        response.ContentLength = buffer.Length;
        await buffer.DrainBufferAsync(response.BodyWriter, context.RequestAborted).ConfigureAwait(false);
    }

    private static int LimitStatus(LimitError error) =>
        error.Code == ErrorCodes.DocumentTooLong ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
}
