using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Limits;

/// <summary>graphql-dotnet's serial strategy (mutations) with the <see cref="ErrorBudget"/>, and an error of its own for every failed node (<see cref="NodeErrors"/>).</summary>
public sealed class ErrorCappedSerialExecutionStrategy(IOptions<GraphQLServerOptions> options) : SerialExecutionStrategy
{
    private readonly int _maxErrors = options.Value.Limits.MaxErrors;

    /// <inheritdoc />
    protected override void SetNodeError(ExecutionContext context, ExecutionNode node, ExecutionError error)
    {
        if (!ErrorBudget.DropIfSpent(context, node, _maxErrors))
        {
            base.SetNodeError(context, node, NodeErrors.Own(error));
        }
    }
}
