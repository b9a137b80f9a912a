using System.Text.Json;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Sse;

/// <summary>
/// Answers one operation with an event stream of its own (graphql-sse, distinct connections mode):
/// <c>event: next</c> per result and a final <c>event: complete</c>. Errors found before execution
/// (syntax, validation, a refused subscription) arrive as a <c>next</c> event carrying them. A
/// subscription ends when the client disconnects, or when the credentials it was opened with expire.
/// <para>
/// The stream takes a slot of <see cref="GraphQLConnectionLimiters.SseStreams"/> first: past
/// <c>MaxSseStreams</c> it is refused with 503, past <c>MaxSseStreamsPerClient</c> or
/// <c>MaxSseStreamsPerUser</c> with 429 (both with <c>Retry-After</c>).
/// </para>
/// </summary>
internal sealed class DistinctEventStream<TSchema>(
    GraphQLRequestExecutor<TSchema> executor,
    IGraphQLTextSerializer serializer,
    JsonSerializerOptions json,
    GraphQLServerOptions options,
    ConnectionLimiter limiter,
    TimeProvider time)
    where TSchema : ISchema
{
    /// <summary>Executes <paramref name="prepared"/> and streams its results.</summary>
    public async Task ServeAsync(HttpContext context, PreparedRequest prepared)
    {
        // As over HTTP, a refused token reads as anonymous; the stream ends when a valid one expires.
        var (user, expiresAt, _) = await StreamingAuthentication.FromRequestAsync(context).ConfigureAwait(false);
        using var lease = limiter.TryAcquire(ClientKeys.AddressOf(context), ClientKeys.UserOf(user), out var refusal);
        if (lease is null)
        {
            await ConnectionRefusalResponse.WriteAsync(context, serializer, refusal, "event streams").ConfigureAwait(false);
            return;
        }

        var result = await executor.ExecuteAsync(prepared, user, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
        var stream = new EventStreamWriter(context, options.Limits.MaxPendingBytesPerConnection);
        if (result.Streams is not { Count: > 0 } streams)
        {
            await stream.StartAsync().ConfigureAwait(false);
            await stream.WriteAsync(SseEvents.Next(result, json), context.RequestAborted).ConfigureAwait(false);
            await stream.WriteAsync(SseEvents.Complete, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var observer = new SseStreamObserver(stream, json);
        using (streams.Values.First().Subscribe(observer))
        {
            // The headers go out once the subscription is in place: a client that has them is subscribed.
            await stream.StartAsync().ConfigureAwait(false);
            using var keepAlive = new CancellationTokenSource();
            var keepingAlive = stream.KeepAliveAsync(options.KeepAliveInterval, time, keepAlive.Token);
            var credentialsEnd = StreamingAuthentication.WhenCredentialsEndAsync(user, expiresAt, context.RequestServices, time, context.RequestAborted);
            var ended = await Task.WhenAny(observer.Completion, credentialsEnd).ConfigureAwait(false);
            await keepAlive.CancelAsync().ConfigureAwait(false);
            await keepingAlive.ConfigureAwait(false);
            if (ended != observer.Completion && !context.RequestAborted.IsCancellationRequested && observer.TryEnd())
            {
                var expired = StreamingAuthentication.EndedError(credentialsEnd.IsCompletedSuccessfully && credentialsEnd.Result);
                await stream.WriteAsync(SseEvents.Next(new ExecutionResult { Errors = [expired] }, json), context.RequestAborted).ConfigureAwait(false);
                await stream.WriteAsync(SseEvents.Complete, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
