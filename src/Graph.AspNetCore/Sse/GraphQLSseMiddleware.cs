using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.Subscriptions;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Graph.AspNetCore.Sse;

/// <summary>
/// GraphQL over Server-Sent Events (the graphql-sse protocol, distinct connections mode) at the
/// GraphQL endpoint: a <c>GET</c> or <c>POST</c> that accepts <c>text/event-stream</c> is answered
/// with a stream of <c>event: next</c> (one per result) and a final <c>event: complete</c>. Errors
/// found before execution (syntax, validation, a refused subscription) arrive as a <c>next</c> event
/// carrying them; a request that cannot be read at all is answered as GraphQL over HTTP answers it.
/// A subscription ends when the client disconnects, or when the credentials it was opened with expire.
/// Every other request goes on to the next middleware.
/// <para>
/// Before the request is even read, the stream takes a slot of
/// <see cref="GraphQLConnectionLimiters.SseStreams"/>: past <c>MaxSseStreams</c> it is refused with
/// 503, past <c>MaxSseStreamsPerClient</c> or <c>MaxSseStreamsPerUser</c> with 429 (both with
/// <c>Retry-After</c>). A client that does not read has at most <c>MaxPendingBytesPerConnection</c>
/// bytes waiting for it; past that its response is aborted and its subscription ends.
/// </para>
/// </summary>
public sealed class GraphQLSseMiddleware<TSchema>
    where TSchema : ISchema
{
    /// <summary>The media type of an event stream.</summary>
    public const string EventStream = "text/event-stream";

    private static readonly byte[] NextPrefix = "event: next\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] CompleteEvent = "event: complete\ndata:\n\n"u8.ToArray();
    private static readonly byte[] KeepAliveComment = ":\n\n"u8.ToArray();

    private readonly RequestDelegate _next;
    private readonly GraphQLRequestExecutor<TSchema> _executor;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly JsonSerializerOptions _json;
    private readonly GraphQLHttpRequestReader _reader;
    private readonly GraphQLServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ConnectionLimiter _limiter;

    /// <summary>Creates the middleware.</summary>
    public GraphQLSseMiddleware(
        RequestDelegate next,
        GraphQLRequestExecutor<TSchema> executor,
        IGraphQLTextSerializer serializer,
        IOptions<GraphQLServerOptions> options,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        _executor = executor;
        _serializer = serializer;
        _json = (serializer as GraphQLJsonSerializer)?.Options
            ?? throw new InvalidOperationException($"GraphQL over SSE needs the {nameof(GraphQLJsonSerializer)}.");
        _options = options.Value;
        _reader = new GraphQLHttpRequestReader(serializer, _options);
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _limiter = (services.GetService<GraphQLConnectionLimiters>() ?? new GraphQLConnectionLimiters(options)).SseStreams;
    }

    /// <summary>Serves an event-stream request, or passes the request on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var isGet = HttpMethods.IsGet(method);
        if (!(isGet || HttpMethods.IsPost(method)) || !AcceptsEventStream(context.Request))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        // As over HTTP, a refused token reads as anonymous; the stream ends when a valid one expires.
        var (user, expiresAt, _) = await StreamingAuthentication.FromRequestAsync(context).ConfigureAwait(false);
        using var lease = _limiter.TryAcquire(ClientKeys.AddressOf(context), ClientKeys.UserOf(user), out var refusal);
        if (lease is null)
        {
            await ConnectionRefusalResponse.WriteAsync(context, _serializer, refusal, "event streams").ConfigureAwait(false);
            return;
        }

        var (request, readError) = await _reader.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null || request is null)
        {
            await WriteErrorAsync(context, readError ?? new InvalidRequestError("The request could not be read.")).ConfigureAwait(false);
            return;
        }

        var prepared = _executor.Prepare(request);
        if (isGet && prepared.Operation?.Operation == OperationType.Mutation)
        {
            context.Response.Headers.Allow = "POST";
            await WriteErrorAsync(context, new MethodNotAllowedError("Mutations cannot be sent with GET; use POST.")).ConfigureAwait(false);
            return;
        }

        var result = await _executor.ExecuteAsync(prepared, user, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
        var stream = new EventStreamWriter(context, _json, _options.Limits.MaxPendingBytesPerConnection);
        if (result.Streams is not { Count: > 0 } streams)
        {
            await stream.StartAsync().ConfigureAwait(false);
            await stream.WriteNextAsync(result, context.RequestAborted).ConfigureAwait(false);
            await stream.WriteAsync(CompleteEvent, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var observer = new StreamObserver(stream);
        using (streams.Values.First().Subscribe(observer))
        {
            // The headers go out once the subscription is in place: a client that has them is subscribed.
            await stream.StartAsync().ConfigureAwait(false);
            using var keepAlive = new CancellationTokenSource();
            var keepingAlive = KeepAliveAsync(stream, keepAlive.Token);
            var ended = await Task.WhenAny(
                observer.Completion,
                StreamingAuthentication.WhenExpiredAsync(expiresAt, _time, context.RequestAborted)).ConfigureAwait(false);
            await keepAlive.CancelAsync().ConfigureAwait(false);
            await keepingAlive.ConfigureAwait(false);
            if (ended != observer.Completion && !context.RequestAborted.IsCancellationRequested && observer.TryEnd())
            {
                var expired = new ExecutionError("The token has expired; subscribe again with a fresh one.") { Code = AuthorizationError.NotAuthenticated };
                await stream.WriteNextAsync(new ExecutionResult { Errors = [expired] }, context.RequestAborted).ConfigureAwait(false);
                await stream.WriteAsync(CompleteEvent, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static bool AcceptsEventStream(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var values)
        && values.Any(v => v.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase) && (v.Quality ?? 1.0) > 0);

    private async Task KeepAliveAsync(EventStreamWriter stream, CancellationToken cancellationToken)
    {
        if (_options.KeepAliveInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.KeepAliveInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await stream.WriteAsync(KeepAliveComment, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
    }

    private async Task WriteErrorAsync(HttpContext context, TransportError error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = GraphQLMediaTypes.ContentTypeFor(GraphQLMediaTypes.Json);
        await _serializer.WriteAsync(response.Body, new ExecutionResult { Errors = [error] }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the events of one response, one at a time, each flushed.</summary>
    [SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose; disposing it under a late writer would only turn that writer's release into an exception.")]
    private sealed class EventStreamWriter(HttpContext context, JsonSerializerOptions json, int maxPendingBytes)
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private readonly PendingBytes _pending = new(maxPendingBytes);

        public async Task StartAsync()
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = EventStream + "; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }

        public Task WriteNextAsync(ExecutionResult result, CancellationToken cancellationToken)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            buffer.Write(NextPrefix);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true }))
            {
                JsonSerializer.Serialize(writer, result, json);
            }

            buffer.Write(EventEnd);
            return WriteAsync(buffer.WrittenMemory, cancellationToken);
        }

        /// <summary>Writes and flushes; when the client has too much waiting already, aborts the response instead.</summary>
        public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            if (!_pending.TryAdd(bytes.Length))
            {
                // The client does not read: the connection goes, which cancels RequestAborted and so
                // ends the subscription; the writer learns it as a client that went away.
                context.Abort();
                throw new OperationCanceledException("The client does not read its event stream.");
            }

            try
            {
                await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _lock.Release();
                }
            }
            finally
            {
                _pending.Remove(bytes.Length);
            }
        }
    }

    /// <summary>Writes a subscription's results as they come, waiting for each write.</summary>
    private sealed class StreamObserver(EventStreamWriter stream) : IDeliveryObserver<ExecutionResult>
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _ended;

        public Task Completion => _completion.Task;

        public bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

        public async ValueTask OnNextAsync(ExecutionResult value, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _ended) == 0)
            {
                await WriteOrEndAsync(() => stream.WriteNextAsync(value, cancellationToken)).ConfigureAwait(false);
            }
        }

        public void OnNext(ExecutionResult value) => _ = OnNextAsync(value, CancellationToken.None).AsTask();

        public void OnError(Exception error) => _ = EndAsync(error as ExecutionError ?? new ExecutionError("The event stream failed.") { Code = ErrorCodes.InternalServerError });

        public void OnCompleted() => _ = EndAsync(null);

        private async Task EndAsync(ExecutionError? error)
        {
            if (!TryEnd())
            {
                return;
            }

            if (error is not null)
            {
                await WriteOrEndAsync(() => stream.WriteNextAsync(new ExecutionResult { Errors = [error] }, CancellationToken.None)).ConfigureAwait(false);
            }

            await WriteOrEndAsync(() => stream.WriteAsync(CompleteEvent, CancellationToken.None)).ConfigureAwait(false);
            _completion.TrySetResult();
        }

        private async Task WriteOrEndAsync(Func<Task> write)
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The client went away.
                _completion.TrySetResult();
            }
        }
    }
}
