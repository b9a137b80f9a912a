using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.Limits;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): queries over GET and POST, mutations over POST
/// only, <c>Accept</c> negotiation between <c>application/graphql-response+json</c> and
/// <c>application/json</c>, and the status codes each of them calls for.
/// </summary>
public sealed class GraphQLHttpMiddleware<TSchema>
    where TSchema : ISchema
{
    private readonly GraphQLRequestExecutor<TSchema> _executor;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly GraphQLHttpRequestReader _reader;
    private readonly GraphQLServerOptions _options;

    /// <summary>The request header that asks for the operation's estimated cost in <c>extensions.cost</c> (value <c>report</c>).</summary>
    public const string CostHeader = "GraphQL-Cost";

    /// <summary>Creates the middleware; it ends the pipeline.</summary>
    public GraphQLHttpMiddleware(
        RequestDelegate next,
        GraphQLRequestExecutor<TSchema> executor,
        IGraphQLTextSerializer serializer,
        IOptions<GraphQLServerOptions> options)
    {
        _ = next;
        _executor = executor;
        _serializer = serializer;
        _options = options.Value;
        _reader = new GraphQLHttpRequestReader(serializer, _options);
    }

    /// <summary>Answers one HTTP request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var isGet = HttpMethods.IsGet(method);
        if (!(isGet && _options.EnableGetRequests) && !HttpMethods.IsPost(method))
        {
            context.Response.Headers.Allow = _options.EnableGetRequests ? "GET, POST" : "POST";
            await WriteErrorAsync(context, GraphQLMediaTypes.Json, new MethodNotAllowedError($"The method {method} is not allowed here.")).ConfigureAwait(false);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(context.Request);
        if (mediaType is null)
        {
            await WriteErrorAsync(context, GraphQLMediaTypes.Json, new NotAcceptableError()).ConfigureAwait(false);
            return;
        }

        var (request, readError) = await _reader.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null || request is null)
        {
            await WriteErrorAsync(context, mediaType, readError ?? new InvalidRequestError("The request could not be read.")).ConfigureAwait(false);
            return;
        }

        var prepared = _executor.Prepare(request);
        if (context.Request.Headers.TryGetValue(CostHeader, out var costHeader) && string.Equals(costHeader, "report", StringComparison.OrdinalIgnoreCase))
        {
            prepared = prepared with { ReportCost = true };
        }

        switch (prepared.Operation?.Operation)
        {
            case OperationType.Mutation when isGet:
                context.Response.Headers.Allow = "POST";
                await WriteErrorAsync(context, mediaType, new MethodNotAllowedError("Mutations cannot be sent with GET; use POST.")).ConfigureAwait(false);
                return;
            case OperationType.Subscription:
                await WriteErrorAsync(context, mediaType, new OperationNotSupportedError()).ConfigureAwait(false);
                return;
        }

        var result = await _executor.ExecuteAsync(prepared, context.User, context.RequestServices, context.RequestAborted).ConfigureAwait(false);

        // application/json answers every well-formed GraphQL request with 200; the GraphQL response
        // media type uses 400 when the request never reached execution (parse, validation, variables).
        // A request refused by a limit is a 4xx whatever the media type: it is not a GraphQL error
        // the client can read and fix field by field, but work the server will not do.
        var status = !result.Executed && result.Errors is [LimitError limit] ? LimitStatus(limit)
            : mediaType == GraphQLMediaTypes.GraphQLResponse && !result.Executed ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        await WriteAsync(context, mediaType, status, result, ResponseCachingPolicy.Choose(context, prepared, result)).ConfigureAwait(false);
    }

    private static int LimitStatus(LimitError error) =>
        error.Code == ErrorCodes.DocumentTooLong ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;

    private Task WriteErrorAsync(HttpContext context, string mediaType, TransportError error) =>
        WriteAsync(context, mediaType, error.StatusCode, new ExecutionResult { Errors = [error] });

    // The body is written to a buffer bounded by MaxResponseSize before anything is sent, so a result
    // too large to send is answered with a complete error response instead of a cut-off one. A public
    // result is hashed on its way into the buffer: the hash is its entity tag, and a client or cache
    // that holds it already gets a 304 without the body.
    private async Task WriteAsync(HttpContext context, string mediaType, int status, ExecutionResult result, ResponseCaching caching = ResponseCaching.None)
    {
        var response = context.Response;
        var contentType = GraphQLMediaTypes.ContentTypeFor(mediaType);
        if (caching == ResponseCaching.NoStore)
        {
            ResponseCachingPolicy.ApplyNoStore(response);
        }

        var limit = _options.Limits.MaxResponseSize;
        if (limit <= 0 && caching != ResponseCaching.Public)
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            await _serializer.WriteAsync(response.Body, result, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await using var buffer = limit > 0 ? new FileBufferingWriteStream(limit, limit) : new FileBufferingWriteStream();
        using var hash = caching == ResponseCaching.Public ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        try
        {
            if (hash is null)
            {
                await _serializer.WriteAsync(buffer, result, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                hash.AppendData(Encoding.UTF8.GetBytes(contentType));
                await using var hashing = new HashingWriteStream(buffer, hash);
                await _serializer.WriteAsync(hashing, result, context.RequestAborted).ConfigureAwait(false);
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
            var entityTag = "\"" + Base64Url.EncodeToString(hash.GetHashAndReset().AsSpan(0, 18)) + "\"";
            ResponseCachingPolicy.ApplyPublic(response, _options.PersistedOperations.MaxAge, entityTag);
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
}
