using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Puts a request's value into an expression tree the way a C# closure would, so EF Core sends it
/// as a SQL parameter: constants would be inlined into the SQL text and give every value its own
/// entry in EF Core's query cache.
/// </summary>
internal static class QueryParameter
{
    /// <summary>An expression of type <paramref name="type"/> that reads <paramref name="value"/>.</summary>
    public static Expression Create(object? value, Type type) =>
        Expression.Convert(Expression.Property(Expression.Constant(new Holder(value)), nameof(Holder.Value)), type);

    /// <summary>The value when <paramref name="node"/> is one made by <see cref="Create"/>.</summary>
    public static bool TryRead(Expression node, out object? value)
    {
        if (node is UnaryExpression { NodeType: ExpressionType.Convert, Operand: MemberExpression { Expression: ConstantExpression { Value: Holder holder } } })
        {
            value = holder.Value;
            return true;
        }

        value = null;
        return false;
    }

    private sealed class Holder(object? value)
    {
        public object? Value { get; } = value;

        // Never the value: a tree's text is a compiled query's shape, the same for every value.
        public override string ToString() => nameof(QueryParameter);
    }
}
