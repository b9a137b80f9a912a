using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// Bounds the errors one execution collects (<see cref="GraphQLLimitsOptions.MaxErrors"/>). Past the
/// budget a failing field is still null, but its error is not kept; the executor then adds one
/// <c>TOO_MANY_ERRORS</c> error for all that were left out. Whatever makes a field fail, a response
/// cannot grow by one error (with its path and locations) per failing item without end.
/// </summary>
public sealed class ErrorBudget
{
    private const string UserContextKey = "Graph.AspNetCore.ErrorBudget";
    private int _dropped;

    /// <summary>How many errors were left out.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Puts a fresh budget in an execution's user context (before execution starts).</summary>
    public static ErrorBudget Attach(IDictionary<string, object?> userContext)
    {
        ArgumentNullException.ThrowIfNull(userContext);
        var budget = new ErrorBudget();
        userContext[UserContextKey] = budget;
        return budget;
    }

    /// <summary>
    /// A strategy's <c>SetNodeError</c> within the budget: when the execution has as many errors as it
    /// may keep, the node becomes null without its error, which is counted as left out; otherwise
    /// <paramref name="set"/> (the engine's own) adds the node's error, one of its own (<see cref="NodeErrors"/>).
    /// </summary>
    internal static void SetNodeError(ExecutionContext context, ExecutionNode node, ExecutionError error, int maxErrors, Action<ExecutionContext, ExecutionNode, ExecutionError> set)
    {
        if (!DropIfSpent(context, node, maxErrors))
        {
            set(context, node, NodeErrors.Own(error));
        }
    }

    private static bool DropIfSpent(ExecutionContext context, ExecutionNode node, int maxErrors)
    {
        if (maxErrors <= 0 || context.Errors.Count < maxErrors)
        {
            return false;
        }

        if (context.UserContext.TryGetValue(UserContextKey, out var value) && value is ErrorBudget budget)
        {
            Interlocked.Increment(ref budget._dropped);
        }

        node.Result = null;
        return true;
    }
}
