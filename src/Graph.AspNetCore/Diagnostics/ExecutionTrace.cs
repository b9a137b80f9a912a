using System.Diagnostics;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The validate and execute spans of one request, driven by the engine's execution listener
/// callbacks. Made only when something listens to <see cref="GraphQLTelemetry.Source"/>, so a
/// request costs nothing here otherwise.
/// </summary>
/// <remarks>
/// The callbacks are synchronous, so the execute span they start becomes the current activity
/// inside the engine's own async flow: resolvers and the database calls under them nest below it.
/// The caller's flow keeps its own current activity, which <see cref="Complete"/> restores.
/// </remarks>
internal sealed class ExecutionTrace : IDocumentExecutionListener
{
    private readonly Activity? _parent;
    private readonly string? _operationName;
    private readonly string? _operationType;
    private readonly bool _cached;
    private readonly double? _cost;
    private Activity? _validate;
    private Activity? _execute;

    private ExecutionTrace(string? operationName, string? operationType, bool cached, double? cost)
    {
        _cost = cost;
        _parent = Activity.Current;
        _operationName = operationName;
        _operationType = operationType;
        _cached = cached;
    }

    /// <summary>Starts the validate span; null when no listener samples it.</summary>
    public static ExecutionTrace? Start(PreparedRequest prepared, string? operationName, string? operationType, double? cost)
    {
        var trace = new ExecutionTrace(operationName, operationType, prepared.Document?.IsValidated == true, cost);
        trace._validate = trace.StartActivity(GraphQLTelemetry.ValidateActivityName);
        return trace._validate is null ? null : trace;
    }

    public Task AfterValidationAsync(IExecutionContext context, IValidationResult validationResult)
    {
        if (_validate is not null && !validationResult.IsValid)
        {
            _validate.SetTag(GraphQLTelemetry.ErrorTypeTag, "validation");
            _validate.SetStatus(ActivityStatusCode.Error);
        }

        Stop(ref _validate);
        return Task.CompletedTask;
    }

    public Task BeforeExecutionAsync(IExecutionContext context)
    {
        Stop(ref _validate);
        _execute = StartActivity(GraphQLTelemetry.ExecuteActivityName);
        if (_execute is not null)
        {
            _execute.DisplayName = _operationName is null ? _operationType ?? "GraphQL" : $"{_operationType} {_operationName}";
        }

        return Task.CompletedTask;
    }

    public Task AfterExecutionAsync(IExecutionContext context) => Task.CompletedTask;

    /// <summary>Ends whatever span is still open, marking failures, and restores the current activity.</summary>
    public void Complete(ExecutionResult? result, Exception? exception)
    {
        var open = _execute ?? _validate;
        if (open is not null)
        {
            if (exception is not null)
            {
                open.SetTag(GraphQLTelemetry.ErrorTypeTag, exception.GetType().FullName);
                open.SetStatus(ActivityStatusCode.Error, exception.Message);
            }
            else if (result?.Errors is { Count: > 0 } && open.Status == ActivityStatusCode.Unset)
            {
                open.SetTag(GraphQLTelemetry.ErrorTypeTag, result.Executed ? "execution" : "validation");
                open.SetStatus(ActivityStatusCode.Error);
            }
        }

        Stop(ref _validate);
        Stop(ref _execute);
        Activity.Current = _parent;
    }

    private Activity? StartActivity(string name)
    {
        var activity = GraphQLTelemetry.Source.StartActivity(name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            if (_operationName is not null)
            {
                activity.SetTag(GraphQLTelemetry.OperationNameTag, _operationName);
            }

            if (_operationType is not null)
            {
                activity.SetTag(GraphQLTelemetry.OperationTypeTag, _operationType);
            }

            activity.SetTag(GraphQLTelemetry.DocumentCachedTag, _cached);
            if (_cost is { } cost)
            {
                activity.SetTag(GraphQLTelemetry.OperationCostTag, cost);
            }
        }

        return activity;
    }

    private void Stop(ref Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        activity.Stop();
        activity = null;
        Activity.Current = _parent;
    }
}
