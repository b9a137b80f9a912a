using Graph.AspNetCore.Limits;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// Executes subscriptions. graphql-dotnet's own strategy runs every event with the services of the
/// request that subscribed (on a WebSocket: for as long as the socket lives), so one set of data
/// loaders would cache across events; and it starts each event's execution as the event arrives,
/// with no bound on how many wait. This strategy instead pulls events from the source stream one
/// at a time per subscription and executes each in a DI scope of its own (fresh data loaders, fresh
/// scoped services), disposed once the event's result is built. Events wait in a bounded buffer
/// (<see cref="GraphQLServerOptions.SubscriptionBufferSize"/>); a subscriber that falls further behind
/// is dropped with a <see cref="SubscriberTooSlowError"/>.
/// </summary>
/// <remarks>
/// A source stream that is an <see cref="IAsyncEnumerable{T}"/> (such as an <see cref="ITopicEvents{TMessage}"/>)
/// is pulled directly, so the bus sees the subscriber's pace; any other observable is buffered here.
/// Results go to an observer that can make the stream wait for delivery (the WebSocket and SSE
/// transports wait for the write), so a slow client backs up into the buffer, not into memory.
/// </remarks>
public sealed class ScopedSubscriptionExecutionStrategy : SubscriptionExecutionStrategy
{
    private readonly IServiceScopeFactory _scopes;
    private readonly int _bufferSize;

    /// <summary>Creates the strategy; child fields run in parallel, within the error budget (<see cref="ErrorCappedParallelExecutionStrategy"/>).</summary>
    public ScopedSubscriptionExecutionStrategy(IServiceScopeFactory scopes, IOptions<GraphQLServerOptions> options)
        : base(new ErrorCappedParallelExecutionStrategy(options))
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _bufferSize = Math.Max(1, options.Value.SubscriptionBufferSize);
    }

    /// <inheritdoc />
    protected override async Task<IObservable<ExecutionResult>?> ResolveResponseStreamAsync(ExecutionContext context, ExecutionNode node)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(node);
        context.CancellationToken.ThrowIfCancellationRequested();
        IObservable<object?> source;
        try
        {
            var resolver = node.FieldDefinition?.StreamResolver
                ?? throw new InvalidOperationException($"The subscription field '{node.Field.Name}' has no stream resolver.");
            source = await resolver.ResolveAsync(new ReadonlyResolveFieldContext(node, context)).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The stream resolver of '{node.Field.Name}' returned no stream.");
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ExecutionError error)
        {
            error.Path = node.ResponsePath;
            error.AddLocation(node.Field, context.Document);
            context.Errors.Add(error);
            return null;
        }
        catch (Exception ex)
        {
            context.Errors.Add(await ErrorAtNodeAsync(context, node, ex, $"Could not subscribe to field '{node.Field.Name}'.").ConfigureAwait(false));
            return null;
        }

        return new EventResponseStream(this, CloneExecutionContext(context, default), node, source, _bufferSize);
    }

    /// <inheritdoc />
    protected override async Task<ExecutionError> ProcessErrorAsync(ExecutionContext context, ExecutionNode node, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(node);
        if (exception is SubscriberTooSlowException tooSlow)
        {
            var error = new SubscriberTooSlowError(tooSlow) { Path = node.ResponsePath };
            error.AddLocation(node.Field, context.Document);
            return error;
        }

        return await base.ProcessErrorAsync(context, node, exception).ConfigureAwait(false);
    }

    /// <summary>Executes one event in a DI scope of its own.</summary>
    internal async Task<ExecutionResult> ExecuteEventAsync(ExecutionContext preserved, ExecutionNode node, object? value, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            using var context = CloneExecutionContext(preserved, cancellationToken);
            context.RequestServices = scope.ServiceProvider;
            return await ProcessDataAsync(context, node, value).ConfigureAwait(false);
        }
    }

    /// <summary>Turns the end of a source stream in error into the error the client receives.</summary>
    internal async Task<ExecutionError> ExecuteErrorAsync(ExecutionContext preserved, ExecutionNode node, Exception exception, CancellationToken cancellationToken)
    {
        using var context = CloneExecutionContext(preserved, cancellationToken);
        return await ProcessErrorAsync(context, node, exception).ConfigureAwait(false);
    }

    private async Task<ExecutionError> ErrorAtNodeAsync(ExecutionContext context, ExecutionNode node, Exception exception, string message)
    {
        var error = await HandleExceptionAsync(context, node, exception, message).ConfigureAwait(false);
        error.Path = node.ResponsePath;
        error.AddLocation(node.Field, context.Document);
        return error;
    }
}
