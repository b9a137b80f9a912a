using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.Sse;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using GraphQL.Transport;

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
    private readonly GraphQLTransportDependencies<TSchema> _transport;
    private readonly GraphQLBatchRequestReader _batchReader;
    private readonly GraphQLBatchResponder<TSchema> _batches;
    private readonly DistinctEventStream<TSchema> _eventStreams;

    /// <summary>The request header that asks for the operation's estimated cost in <c>extensions.cost</c> (value <c>report</c>).</summary>
    public const string CostHeader = "GraphQL-Cost";

    /// <summary>Creates the middleware; it ends the pipeline.</summary>
    /// <param name="next">Unused: the middleware ends the pipeline.</param>
    /// <param name="transport">What every transport needs.</param>
    public GraphQLHttpMiddleware(RequestDelegate next, GraphQLTransportDependencies<TSchema> transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _ = next;
        _transport = transport;
        _batchReader = new GraphQLBatchRequestReader(transport.Json, transport.Options);
        _batches = new GraphQLBatchResponder<TSchema>(transport.Executor, transport.Writer, transport.Scopes);
        _eventStreams = new DistinctEventStream<TSchema>(transport.Executor, transport.Serializer, transport.Json, transport.Options, transport.Limiters.SseStreams, transport.Time);
    }

    /// <summary>Answers one HTTP request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var isGet = HttpMethods.IsGet(method);
        if (!(isGet && _transport.Options.EnableGetRequests) && !HttpMethods.IsPost(method))
        {
            context.Response.Headers.Allow = AllowedMethods();
            await _transport.Writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new MethodNotAllowedError($"The method {method} is not allowed here.")).ConfigureAwait(false);
            return;
        }

        var accepted = AcceptedMediaTypes.Negotiate(context.Request.Headers.Accept);
        if (!accepted.AcceptsAny)
        {
            await _transport.Writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new NotAcceptableError()).ConfigureAwait(false);
            return;
        }

        // Errors found before the operation is known are answered in JSON, as a client that accepts
        // only an event stream would get them from graphql-sse's own server.
        var errorMediaType = accepted.Json ?? GraphQLMediaTypes.Json;
        if (await GraphQLBatchRequestReader.IsBatchAsync(context, _transport.Options).ConfigureAwait(false))
        {
            await ServeBatchAsync(context, accepted).ConfigureAwait(false);
            return;
        }

        var (received, receiveError) = await _transport.Reader.ReceiveAsync(context).ConfigureAwait(false);
        if (receiveError is not null)
        {
            await _transport.Writer.WriteErrorAsync(context, errorMediaType, receiveError).ConfigureAwait(false);
            return;
        }

        GraphQLRequest? request;
        TransportError? readError;
        string? requestKey = null;
        using (received)
        {
            // A query answered from the cache before: the same bytes get the same answer, unread.
            if (_transport.CachedQueries is { } cached && accepted.For(OperationType.Query) is { } queryMediaType && queryMediaType != AcceptedMediaTypes.EventStream)
            {
                requestKey = ReceivedRequestKey.Of(received, queryMediaType);
                if (await cached.TryServeReceivedAsync(context, requestKey).ConfigureAwait(false))
                {
                    return;
                }
            }

            (request, readError) = _transport.Reader.Read(context, received);
        }

        if (readError is not null || request is null)
        {
            await _transport.Writer.WriteErrorAsync(context, errorMediaType, readError ?? new InvalidRequestError("The request could not be read.")).ConfigureAwait(false);
            return;
        }

        var prepared = _transport.Executor.Prepare(request) with { ReportCost = CostReport.IsRequested(context) };
        var operation = prepared.Operation?.Operation;
        var mediaType = accepted.For(operation) ?? errorMediaType;
        if (operation == OperationType.Mutation && isGet)
        {
            context.Response.Headers.Allow = "POST";
            await _transport.Writer.WriteErrorAsync(context, errorMediaType, new MethodNotAllowedError("Mutations cannot be sent with GET; use POST.")).ConfigureAwait(false);
            return;
        }

        if (mediaType == AcceptedMediaTypes.EventStream)
        {
            await _eventStreams.ServeAsync(context, prepared).ConfigureAwait(false);
            return;
        }

        if (operation == OperationType.Subscription)
        {
            await _transport.Writer.WriteErrorAsync(context, mediaType, new OperationNotSupportedError()).ConfigureAwait(false);
            return;
        }

        if (_transport.CachedQueries is { } cachedQueries && await cachedQueries.TryServeAsync(context, prepared, mediaType, requestKey).ConfigureAwait(false))
        {
            return;
        }

        var result = await _transport.Executor.ExecuteAsync(prepared, context.User, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
        await _transport.Writer.WriteResultAsync(context, mediaType, result, ResponseCachingPolicy.Choose(context, prepared, result)).ConfigureAwait(false);
    }

    // A batch is answered in JSON only: its results are one array, not a stream.
    private async Task ServeBatchAsync(HttpContext context, AcceptedMediaTypes accepted)
    {
        if (accepted.Json is not { } mediaType)
        {
            await _transport.Writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new NotAcceptableError()).ConfigureAwait(false);
            return;
        }

        var (requests, error) = await _batchReader.ReadAsync(context).ConfigureAwait(false);
        if (error is not null || requests is null)
        {
            await _transport.Writer.WriteErrorAsync(context, mediaType, error ?? new InvalidRequestError("The batch could not be read.")).ConfigureAwait(false);
            return;
        }

        await _batches.ServeAsync(context, mediaType, requests, CostReport.IsRequested(context)).ConfigureAwait(false);
    }

    private string AllowedMethods() =>
        (_transport.Options.EnableGetRequests ? "GET, POST" : "POST") + (_transport.Options.EnableSseSingleConnection ? ", PUT, DELETE" : string.Empty);
}
