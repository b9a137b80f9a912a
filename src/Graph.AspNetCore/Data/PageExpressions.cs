using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The expression of a page read, over a source expression and expressions that read the request's
/// values: holders (<see cref="QueryParameter"/>) when the query is built for one request, a compiled
/// query's lambda parameters when it is built once for a shape.
/// </summary>
internal static class PageExpressions
{
    /// <summary><c>source.Where(predicate)</c>.</summary>
    public static Expression Where<TEntity>(Expression source, LambdaExpression predicate) =>
        Expression.Call(LinqMethods.QueryableWhere.MakeGenericMethod(typeof(TEntity)), source, Expression.Quote(predicate));

    /// <summary>The rows between the cursors: <c>filtered.Where(after).Where(before)</c>, each only when given.</summary>
    public static Expression Window<TEntity>(Expression filtered, IReadOnlyList<SortKey<TEntity>> keys, IReadOnlyList<Expression>? after, IReadOnlyList<Expression>? before)
        where TEntity : class
    {
        var window = filtered;
        if (after is not null)
        {
            window = Where<TEntity>(window, KeysetPredicate.Create(keys, after, after: true));
        }

        if (before is not null)
        {
            window = Where<TEntity>(window, KeysetPredicate.Create(keys, before, after: false));
        }

        return window;
    }

    /// <summary>
    /// <c>window.OrderBy(keys).Take(take).Select(row)</c>: the page's rows with their key values, and the
    /// <c>Count()</c> of <paramref name="countOf"/> on each row when given; each row's item has only
    /// <paramref name="members"/> set when given.
    /// </summary>
    public static Expression Page<TEntity>(Expression window, IReadOnlyList<SortKey<TEntity>> keys, bool backward, Expression take, Expression? countOf, IReadOnlyList<string>? members)
        where TEntity : class
    {
        var ordered = KeysetOrdering.Apply(window, keys, reverse: backward);
        var page = Expression.Call(LinqMethods.QueryableTake.MakeGenericMethod(typeof(TEntity)), ordered, take);
        return Expression.Call(
            LinqMethods.QueryableSelect.MakeGenericMethod(typeof(TEntity), typeof(KeysetRow<TEntity>)),
            page,
            Expression.Quote(KeysetOrdering.RowSelector(keys, countOf, members)));
    }

    /// <summary>One expression per key reading a cursor's value as a holder (a query built for one request).</summary>
    public static Expression[]? Inline<TEntity>(IReadOnlyList<SortKey<TEntity>> keys, object[]? values)
        where TEntity : class
    {
        if (values is null)
        {
            return null;
        }

        var expressions = new Expression[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            expressions[i] = QueryParameter.Create(values[i], keys[i].KeyType.ClrType);
        }

        return expressions;
    }
}
