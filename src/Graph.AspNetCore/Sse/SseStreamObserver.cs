using System.Text.Json;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Subscriptions;
using GraphQL;

namespace Graph.AspNetCore.Sse;

/// <summary>
/// Writes one subscription's results to its own event stream (distinct connections mode) as they
/// come, waiting for each write, and <c>complete</c> at the end.
/// </summary>
internal sealed class SseStreamObserver(EventStreamWriter stream, JsonSerializerOptions json) : IDeliveryObserver<ExecutionResult>
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ended;

    /// <summary>Completes when the stream has ended (its end written, or the client gone).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Claims the end of the stream; true for the one caller that may write it.</summary>
    public bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    public async ValueTask OnNextAsync(ExecutionResult value, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _ended) == 0)
        {
            await WriteOrEndAsync(() => stream.WriteAsync(SseEvents.Next(value, json), cancellationToken)).ConfigureAwait(false);
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
            await WriteOrEndAsync(() => stream.WriteAsync(SseEvents.Next(new ExecutionResult { Errors = [error] }, json), CancellationToken.None)).ConfigureAwait(false);
        }

        await WriteOrEndAsync(() => stream.WriteAsync(SseEvents.Complete, CancellationToken.None)).ConfigureAwait(false);
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
