using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Subscriptions;
using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.WebSockets;

/// <summary>Delivers an operation's stream to the client, waiting for each write.</summary>
internal sealed class WebSocketOperationObserver<TSchema>(GraphQLWebSocketConnection<TSchema> connection, ConnectionOperation operation) : IDeliveryObserver<ExecutionResult>
    where TSchema : ISchema
{
    public ValueTask OnNextAsync(ExecutionResult value, CancellationToken cancellationToken) =>
        new(connection.SendResultAsync(operation, value));

    public void OnNext(ExecutionResult value) => _ = OnNextAsync(value, CancellationToken.None).AsTask();

    public void OnError(Exception error) =>
        _ = connection.FinishWithAsync(operation, "error", [error as ExecutionError ?? new ExecutionError("The event stream failed.") { Code = ErrorCodes.InternalServerError }]);

    public void OnCompleted() => _ = connection.FinishWithAsync(operation, "complete", null);
}
