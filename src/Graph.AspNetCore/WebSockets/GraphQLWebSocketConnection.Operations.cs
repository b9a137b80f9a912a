using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Graph.AspNetCore.WebSockets;

/// <content>The operations: started by id, run beside the reading, finished with their last message.</content>
internal abstract partial class GraphQLWebSocketConnection<TSchema>
{
    /// <summary>
    /// Starts an operation. A subscription is registered with its source before this returns; a
    /// query or mutation runs on while the connection reads on. One past
    /// <see cref="GraphQLLimitsOptions.MaxOperationsPerSocket"/> is refused with an <c>error</c>
    /// (<c>TOO_MANY_OPERATIONS</c>) for its id; the connection and its other operations go on.
    /// </summary>
    protected async Task StartOperationAsync(string id, GraphQLRequest request)
    {
        if (_channel.IsClosing)
        {
            return;
        }

        var max = Options.Limits.MaxOperationsPerSocket;
        if (_operations.IsFull(max, id))
        {
            var refused = new ExecutionError($"This connection runs {max} operations already; complete one first.") { Code = ErrorCodes.TooManyOperations };
            await SendAsync("error", id, new List<ExecutionError> { refused }).ConfigureAwait(false);
            return;
        }

        var operation = new ConnectionOperation(id, _services.Scopes, _channel.Lifetime);
        if (!_operations.TryAdd(operation))
        {
            await operation.DiscardAsync().ConfigureAwait(false);
            await OnDuplicateOperationAsync(id, request).ConfigureAwait(false);
            return;
        }

        var prepared = _services.Executor.Prepare(request);
        operation.RunsToEnd = prepared.Operation?.Operation == OperationType.Mutation;
        var run = RunOperationAsync(operation, prepared);
        if (prepared.Operation?.Operation == OperationType.Subscription)
        {
            await run.ConfigureAwait(false);
        }
    }

    /// <summary>Stops an operation by its id; nothing more is sent for it.</summary>
    protected void StopOperation(string id) => _operations.Finish(id);

    /// <summary>Sends one result of an operation, unless the operation is finished.</summary>
    internal Task SendResultAsync(ConnectionOperation operation, ExecutionResult result) =>
        SendAsync(ResultMessageType, operation.Id, result, operation);

    /// <summary>Finishes an operation from the server's side, with its last message.</summary>
    internal async Task FinishWithAsync(ConnectionOperation operation, string type, List<ExecutionError>? errors)
    {
        if (!_operations.TryFinish(operation))
        {
            return;
        }

        await SendAsync(type, operation.Id, errors, onlyWhileActive: null).ConfigureAwait(false);
        _operations.Stop(operation);
    }

    private async Task RunOperationAsync(ConnectionOperation operation, PreparedRequest prepared)
    {
        try
        {
            await ExecuteOperationAsync(operation, prepared).ConfigureAwait(false);
        }
        finally
        {
            await _operations.EndRunAsync(operation).ConfigureAwait(false);
        }
    }

    private async Task ExecuteOperationAsync(ConnectionOperation operation, PreparedRequest prepared)
    {
        try
        {
            var result = await _services.Executor.ExecuteAsync(prepared, User, operation.Services, operation.Token).ConfigureAwait(false);
            if (operation.IsFinished)
            {
                return;
            }

            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Attach(streams.Values.First().Subscribe(new WebSocketOperationObserver<TSchema>(this, operation)));
                return;
            }

            // A result that never reached execution, or a subscription refused when it started, is an
            // error of the operation; a query's or mutation's result (with or without errors) is data.
            if (!result.Executed || prepared.Operation?.Operation == OperationType.Subscription)
            {
                await FinishWithAsync(operation, "error", ErrorsOf(result)).ConfigureAwait(false);
            }
            else
            {
                await SendResultAsync(operation, result).ConfigureAwait(false);
                await FinishWithAsync(operation, "complete", null).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            _operations.Finish(operation);
        }
        catch (Exception ex)
        {
            LogUnexpected(_services.Logger, ex);
            await FinishWithAsync(operation, "error", [new("An unexpected error occurred.") { Code = ErrorCodes.InternalServerError }]).ConfigureAwait(false);
        }
    }

    private static List<ExecutionError> ErrorsOf(ExecutionResult result) =>
        result.Errors is { Count: > 0 } errors
            ? [.. errors]
            : [new ExecutionError("The operation produced no result.") { Code = ErrorCodes.ExecutionError }];
}
