using System.Collections;
using Graph.AspNetCore.Execution;
using GraphQL;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// The limits on a request's <c>variables</c>: how deeply they nest and how many values they hold
/// (objects, lists and scalars together). The walk stops at the first value past a limit.
/// </summary>
public static class VariableLimits
{
    /// <summary>The first limit <paramref name="variables"/> break, or null.</summary>
    public static LimitError? Check(Inputs? variables, GraphQLLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (variables is null || variables.Count == 0)
        {
            return null;
        }

        var budget = new Budget(limits.MaxVariablesDepth, limits.MaxVariableValues);
        foreach (var (_, value) in variables)
        {
            if (budget.Take(value, 1) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private sealed class Budget(int maxDepth, int maxValues)
    {
        private int _values;

        public LimitError? Take(object? value, int depth)
        {
            if (maxValues > 0 && ++_values > maxValues)
            {
                return new LimitError(ErrorCodes.VariablesTooLarge, $"The variables hold more than {maxValues} values.");
            }

            if (maxDepth > 0 && depth > maxDepth)
            {
                return new LimitError(ErrorCodes.VariablesTooDeep, $"The variables nest deeper than {maxDepth} levels.");
            }

            IEnumerable? children = value switch
            {
                IDictionary<string, object?> map => map.Values,
                string => null,
                IEnumerable list => list,
                _ => null,
            };
            if (children is not null)
            {
                foreach (var child in children)
                {
                    if (Take(child, depth + 1) is { } error)
                    {
                        return error;
                    }
                }
            }

            return null;
        }
    }
}
