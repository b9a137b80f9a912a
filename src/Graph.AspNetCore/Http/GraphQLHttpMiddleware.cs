using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.Sse;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): queries over GET and POST, mutations over POST
/// only, batches (a JSON array) over POST, and the answer in the media type the <c>Accept</c> header
/// prefers (<see cref="AcceptedMediaTypes"/>): <c>application/graphql-response+json</c> or
/// <c>application/json</c>, with the status codes each calls for, or an event stream of its own
/// (graphql-sse, distinct connections mode) when the client prefers one, or accepts one for a
/// subscription.
/// </summary>
public sealed class GraphQLHttpMiddleware<TSchema>
    where TSchema : ISchema
{
    private readonly GraphQLRequestExecutor<TSchema> _executor;
    private readonly GraphQLHttpRequestReader _reader;
    private readonly GraphQLBatchRequestReader _batchReader;
    private readonly GraphQLResponseWriter _writer;
    private readonly GraphQLBatchResponder<TSchema> _batches;
    private readonly DistinctEventStream<TSchema> _eventStreams;
    private readonly GraphQLServerOptions _options;
    private readonly CachedQueryResponder<TSchema>? _cachedQueries;

    /// <summary>The request header that asks for the operation's estimated cost in <c>extensions.cost</c> (value <c>report</c>).</summary>
    public const string CostHeader = "GraphQL-Cost";

    /// <summary>Creates the middleware; it ends the pipeline.</summary>
    public GraphQLHttpMiddleware(
        RequestDelegate next,
        GraphQLRequestExecutor<TSchema> executor,
        IGraphQLTextSerializer serializer,
        IOptions<GraphQLServerOptions> options,
        IServiceScopeFactory scopes,
        IServiceProvider services)
    {
        _ = next;
        var transport = new TransportServices(serializer, options, services, "HTTP");
        _executor = executor;
        _options = transport.Options;
        _reader = transport.Reader;
        _batchReader = new GraphQLBatchRequestReader(transport.Json, _options);
        _writer = transport.Writer;
        _batches = new GraphQLBatchResponder<TSchema>(executor, _writer, scopes);
        _cachedQueries = services.GetService<Caching.ResponseCache>() is { IsEnabled: true }
            ? new CachedQueryResponder<TSchema>(executor, _writer, serializer, _options, services)
            : null;
        _eventStreams = new DistinctEventStream<TSchema>(executor, serializer, transport.Json, _options, transport.Limiters.SseStreams, transport.Time);
    }

    /// <summary>Answers one HTTP request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var isGet = HttpMethods.IsGet(method);
        if (!(isGet && _options.EnableGetRequests) && !HttpMethods.IsPost(method))
        {
            context.Response.Headers.Allow = AllowedMethods();
            await _writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new MethodNotAllowedError($"The method {method} is not allowed here.")).ConfigureAwait(false);
            return;
        }

        var accepted = AcceptedMediaTypes.Negotiate(context.Request.Headers.Accept);
        if (!accepted.AcceptsAny)
        {
            await _writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new NotAcceptableError()).ConfigureAwait(false);
            return;
        }

        // Errors found before the operation is known are answered in JSON, as a client that accepts
        // only an event stream would get them from graphql-sse's own server.
        var errorMediaType = accepted.Json ?? GraphQLMediaTypes.Json;
        if (await GraphQLBatchRequestReader.IsBatchAsync(context, _options).ConfigureAwait(false))
        {
            await ServeBatchAsync(context, accepted).ConfigureAwait(false);
            return;
        }

        var (request, readError) = await _reader.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null || request is null)
        {
            await _writer.WriteErrorAsync(context, errorMediaType, readError ?? new InvalidRequestError("The request could not be read.")).ConfigureAwait(false);
            return;
        }

        var prepared = _executor.Prepare(request) with { ReportCost = CostReport.IsRequested(context) };
        var operation = prepared.Operation?.Operation;
        var mediaType = accepted.For(operation) ?? errorMediaType;
        if (operation == OperationType.Mutation && isGet)
        {
            context.Response.Headers.Allow = "POST";
            await _writer.WriteErrorAsync(context, errorMediaType, new MethodNotAllowedError("Mutations cannot be sent with GET; use POST.")).ConfigureAwait(false);
            return;
        }

        if (mediaType == AcceptedMediaTypes.EventStream)
        {
            await _eventStreams.ServeAsync(context, prepared).ConfigureAwait(false);
            return;
        }

        if (operation == OperationType.Subscription)
        {
            await _writer.WriteErrorAsync(context, mediaType, new OperationNotSupportedError()).ConfigureAwait(false);
            return;
        }

        if (_cachedQueries is not null && await _cachedQueries.TryServeAsync(context, prepared, mediaType).ConfigureAwait(false))
        {
            return;
        }

        var result = await _executor.ExecuteAsync(prepared, context.User, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
        await _writer.WriteResultAsync(context, mediaType, result, ResponseCachingPolicy.Choose(context, prepared, result)).ConfigureAwait(false);
    }

    // A batch is answered in JSON only: its results are one array, not a stream.
    private async Task ServeBatchAsync(HttpContext context, AcceptedMediaTypes accepted)
    {
        if (accepted.Json is not { } mediaType)
        {
            await _writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new NotAcceptableError()).ConfigureAwait(false);
            return;
        }

        var (requests, error) = await _batchReader.ReadAsync(context).ConfigureAwait(false);
        if (error is not null || requests is null)
        {
            await _writer.WriteErrorAsync(context, mediaType, error ?? new InvalidRequestError("The batch could not be read.")).ConfigureAwait(false);
            return;
        }

        await _batches.ServeAsync(context, mediaType, requests, CostReport.IsRequested(context)).ConfigureAwait(false);
    }

    private string AllowedMethods() =>
        (_options.EnableGetRequests ? "GET, POST" : "POST") + (_options.EnableSseSingleConnection ? ", PUT, DELETE" : string.Empty);
}
