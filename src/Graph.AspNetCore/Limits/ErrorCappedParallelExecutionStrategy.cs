using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Graph.AspNetCore.Limits;

/// <summary>graphql-dotnet's parallel strategy (subscription events) within the <see cref="ErrorBudget"/>.</summary>
public sealed class ErrorCappedParallelExecutionStrategy(IOptions<GraphQLServerOptions> options) : ParallelExecutionStrategy
{
    private readonly int _maxErrors = options.Value.Limits.MaxErrors;

    /// <inheritdoc />
    protected override void SetNodeError(ExecutionContext context, ExecutionNode node, ExecutionError error) =>
        ErrorBudget.SetNodeError(context, node, error, _maxErrors, base.SetNodeError);
}
