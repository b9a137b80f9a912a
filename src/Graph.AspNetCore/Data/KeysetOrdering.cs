using System.Linq.Expressions;
using System.Reflection;

namespace Graph.AspNetCore.Data;

/// <summary>Applies sort keys to a query: its ORDER BY, and the SELECT that also reads the key values.</summary>
internal static class KeysetOrdering
{
    /// <summary>
    /// <c>OrderBy(k1).ThenBy(k2)...</c>; with <paramref name="reverse"/> every direction flipped, which is how
    /// a backward page is read (its rows are put back in order after the fetch).
    /// </summary>
    public static Expression Apply<TEntity>(Expression source, IReadOnlyList<SortKey<TEntity>> keys, bool reverse)
        where TEntity : class
    {
        var expression = source;
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = (keys[i].Direction == SortDirection.Descending) != reverse;
            var selector = keys[i].OrderSelector;
            var method = LinqMethods.QueryableOrdering(first: i == 0, descending).MakeGenericMethod(typeof(TEntity), selector.ReturnType);
            expression = Expression.Call(method, expression, Expression.Quote(selector));
        }

        return expression;
    }

    /// <summary><c>e =&gt; new KeysetRow { Node = e, Keys = new object[] { key1(e), … } [, TotalCount = countOf.Count()] }</c>.</summary>
    /// <param name="keys">The sort keys read with each row.</param>
    /// <param name="countOf">When given (a query's expression), every row also carries its <c>Count()</c>:
    /// the total count read by the page's own statement instead of a second one.</param>
    /// <param name="members">When given, the row's item is <c>new TEntity { M = e.M, … }</c> with these members only (<see cref="EntityProjection"/>).</param>
    public static Expression<Func<TEntity, KeysetRow<TEntity>>> RowSelector<TEntity>(IReadOnlyList<SortKey<TEntity>> keys, Expression? countOf = null, IReadOnlyList<string>? members = null)
        where TEntity : class
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var values = keys.Select(key => Expression.Convert(ParameterReplacer.Apply(key.OrderSelector, entity), typeof(object)));
        List<MemberBinding> bindings =
        [
            Expression.Bind(RowMembers<TEntity>.Node, members is null ? entity : EntityProjection.New(entity, members)),
            Expression.Bind(RowMembers<TEntity>.Keys, Expression.NewArrayInit(typeof(object), values)),
        ];
        if (countOf is not null)
        {
            bindings.Add(Expression.Bind(RowMembers<TEntity>.TotalCount, Expression.Call(LinqMethods.QueryableCount.MakeGenericMethod(typeof(TEntity)), countOf)));
        }

        var row = Expression.MemberInit(Expression.New(typeof(KeysetRow<TEntity>)), bindings);
        return Expression.Lambda<Func<TEntity, KeysetRow<TEntity>>>(row, entity);
    }

    // The row's properties, looked up once per entity type.
    private static class RowMembers<TEntity>
        where TEntity : class
    {
        public static readonly PropertyInfo Node = typeof(KeysetRow<TEntity>).GetProperty(nameof(KeysetRow<TEntity>.Node))!;
        public static readonly PropertyInfo Keys = typeof(KeysetRow<TEntity>).GetProperty(nameof(KeysetRow<TEntity>.Keys))!;
        public static readonly PropertyInfo TotalCount = typeof(KeysetRow<TEntity>).GetProperty(nameof(KeysetRow<TEntity>.TotalCount))!;
    }
}
