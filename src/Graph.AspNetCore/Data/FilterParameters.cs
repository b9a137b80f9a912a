using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The request values in a filter (the <see cref="QueryParameter"/>s that <see cref="FilterInputType{TEntity}"/>
/// puts in it), read in tree order; and the same filter with each value replaced by a lambda
/// parameter, for a query compiled once per filter shape.
/// </summary>
internal static class FilterParameters
{
    /// <summary>
    /// Appends the filter's values to <paramref name="values"/>; false when the filter holds a constant
    /// whose value its text would not show (a closure, a collection): two such filters could print the
    /// same and differ, so they must not share a compiled query.
    /// </summary>
    public static bool TryRead(Expression filter, List<object?> values)
    {
        var reader = new Reader(values);
        reader.Visit(filter);
        return reader.Shareable;
    }

    /// <summary>The filter with its values replaced, in order, by <paramref name="parameters"/>.</summary>
    public static Expression Replace(Expression filter, IReadOnlyList<ParameterExpression> parameters)
    {
        var replacer = new Replacer(parameters);
        var replaced = replacer.Visit(filter);
        return replacer.Count == parameters.Count
            ? replaced
            : throw new InvalidOperationException("The filter's values and the compiled query's parameters differ in number.");
    }

    /// <summary>The types of the filter's values, in order (what the parameters are declared as).</summary>
    public static List<Type> Types(Expression filter)
    {
        var types = new List<Type>();
        new TypeReader(types).Visit(filter);
        return types;
    }

    // Constants whose text is their value: a filter's text then tells every such constant apart.
    private static bool PrintsItsValue(object? value) =>
        value is null or string or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong
            or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum;

    private sealed class Reader(List<object?> values) : ExpressionVisitor
    {
        public bool Shareable { get; private set; } = true;

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (QueryParameter.TryRead(node, out var value))
            {
                values.Add(value);
                return node;
            }

            return base.VisitUnary(node);
        }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            Shareable &= PrintsItsValue(node.Value);
            return node;
        }
    }

    private sealed class TypeReader(List<Type> types) : ExpressionVisitor
    {
        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (QueryParameter.TryRead(node, out _))
            {
                types.Add(node.Type);
                return node;
            }

            return base.VisitUnary(node);
        }
    }

    private sealed class Replacer(IReadOnlyList<ParameterExpression> parameters) : ExpressionVisitor
    {
        public int Count { get; private set; }

        protected override Expression VisitUnary(UnaryExpression node) =>
            QueryParameter.TryRead(node, out _) ? parameters[Count++] : base.VisitUnary(node);
    }
}
