using System.Text.Json;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Subscriptions;
using GraphQL;

namespace Graph.AspNetCore.Sse.SingleConnection;

/// <summary>
/// Queues one operation's results on its reservation's stream, each addressed to the operation's id,
/// and its <c>complete</c> at the end. Queuing does not wait for the client: what a client that does
/// not read leaves waiting is bounded by the reservation, which ends when too much waits.
/// </summary>
internal sealed class SseOperationObserver(SseReservation reservation, ConnectionOperation operation, JsonSerializerOptions json) : IDeliveryObserver<ExecutionResult>
{
    public ValueTask OnNextAsync(ExecutionResult value, CancellationToken cancellationToken)
    {
        OnNext(value);
        return ValueTask.CompletedTask;
    }

    public void OnNext(ExecutionResult value)
    {
        if (!operation.IsFinished)
        {
            reservation.Send(SseEvents.Next(value, json, operation.Id));
        }
    }

    public void OnError(Exception error) =>
        End(error as ExecutionError ?? new ExecutionError("The event stream failed.") { Code = ErrorCodes.InternalServerError });

    public void OnCompleted() => End(null);

    /// <summary>Ends the operation: an error result first when given, then <c>complete</c>.</summary>
    public void End(ExecutionError? error)
    {
        if (operation.IsFinished)
        {
            return;
        }

        var complete = SseEvents.CompleteFor(operation.Id, json);
        if (error is null)
        {
            reservation.Complete(operation, complete);
        }
        else
        {
            reservation.Complete(operation, SseEvents.Next(new ExecutionResult { Errors = [error] }, json, operation.Id), complete);
        }
    }
}
