using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Rewrites a declared selector (<c>p =&gt; p.Price</c>) over the one parameter of the expression
/// being built, so selectors declared separately can be combined into one lambda.
/// </summary>
internal sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    /// <summary>The body of <paramref name="selector"/> with its parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Apply(LambdaExpression selector, Expression argument) =>
        new ParameterReplacer(selector.Parameters[0], argument).Visit(selector.Body);

    /// <inheritdoc />
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
