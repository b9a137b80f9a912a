using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Graph.AspNetCore.Limits;

/// <summary>graphql-dotnet's serial strategy (queries, mutations) within the <see cref="ErrorBudget"/>.</summary>
public sealed class ErrorCappedSerialExecutionStrategy(IOptions<GraphQLServerOptions> options) : SerialExecutionStrategy
{
    private readonly int _maxErrors = options.Value.Limits.MaxErrors;

    /// <inheritdoc />
    protected override void SetNodeError(ExecutionContext context, ExecutionNode node, ExecutionError error) =>
        ErrorBudget.SetNodeError(context, node, error, _maxErrors, base.SetNodeError);
}
