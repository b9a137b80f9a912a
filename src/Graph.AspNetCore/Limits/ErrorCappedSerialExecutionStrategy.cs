using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// graphql-dotnet's serial strategy (queries, mutations) within the <see cref="ErrorBudget"/>, with each
/// mutation field completed, selection set and DataLoader loads included, before the next one runs.
/// </summary>
/// <remarks>
/// graphql-dotnet's serial strategy runs the resolvers in order but keeps every DataLoader load for
/// the end of the operation: with <c>a: restockProduct(…) { product { stock } } b: restockProduct(…)
/// { product { stock } }</c>, both payloads were read after both writes, so <c>a</c> showed <c>b</c>'s
/// effect. The spec executes a mutation's root fields serially, each with its complete selection set
/// ("ExecuteSelectionSet … serially"), so here each root field of a mutation is a tree of its own.
/// </remarks>
public sealed class ErrorCappedSerialExecutionStrategy(IOptions<GraphQLServerOptions> options) : SerialExecutionStrategy
{
    private readonly int _maxErrors = options.Value.Limits.MaxErrors;

    /// <inheritdoc />
    public override async Task ExecuteNodeTreeAsync(ExecutionContext context, ExecutionNode rootNode)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (rootNode is not RootExecutionNode root || context.Operation.Operation != OperationType.Mutation)
        {
            await base.ExecuteNodeTreeAsync(context, rootNode).ConfigureAwait(false);
            return;
        }

        var fields = new List<ExecutionNode>();
        root.ApplyToChildren((field, list) => list.Add(field), fields);
        foreach (var field in fields)
        {
            await base.ExecuteNodeTreeAsync(context, field).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override void SetNodeError(ExecutionContext context, ExecutionNode node, ExecutionError error) =>
        ErrorBudget.SetNodeError(context, node, error, _maxErrors, base.SetNodeError);
}
