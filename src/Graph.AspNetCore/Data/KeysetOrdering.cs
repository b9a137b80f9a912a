using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>Applies sort keys to a query: its ORDER BY, and the SELECT that also reads the key values.</summary>
internal static class KeysetOrdering
{
    /// <summary>
    /// <c>OrderBy(k1).ThenBy(k2)...</c>; with <paramref name="reverse"/> every direction flipped, which is how
    /// a backward page is read (its rows are put back in order after the fetch).
    /// </summary>
    public static IQueryable<TEntity> Apply<TEntity>(IQueryable<TEntity> source, IReadOnlyList<SortKey<TEntity>> keys, bool reverse)
        where TEntity : class
    {
        var expression = source.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = (keys[i].Direction == SortDirection.Descending) != reverse;
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            var selector = keys[i].OrderSelector;
            expression = Expression.Call(typeof(Queryable), method, [typeof(TEntity), selector.ReturnType], expression, Expression.Quote(selector));
        }

        return source.Provider.CreateQuery<TEntity>(expression);
    }

    /// <summary><c>Select(e =&gt; new KeysetRow { Node = e, Keys = new object[] { k1, k2, ... } })</c>.</summary>
    public static IQueryable<KeysetRow<TEntity>> Project<TEntity>(IQueryable<TEntity> source, IReadOnlyList<SortKey<TEntity>> keys)
        where TEntity : class =>
        source.Select(RowSelector(keys));

    /// <summary><c>e =&gt; new KeysetRow { Node = e, Keys = new object[] { key1(e), … } }</c>.</summary>
    public static Expression<Func<TEntity, KeysetRow<TEntity>>> RowSelector<TEntity>(IReadOnlyList<SortKey<TEntity>> keys)
        where TEntity : class
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var values = keys.Select(key => Expression.Convert(ParameterReplacer.Apply(key.OrderSelector, entity), typeof(object)));
        var row = Expression.MemberInit(
            Expression.New(typeof(KeysetRow<TEntity>)),
            Expression.Bind(typeof(KeysetRow<TEntity>).GetProperty(nameof(KeysetRow<TEntity>.Node))!, entity),
            Expression.Bind(typeof(KeysetRow<TEntity>).GetProperty(nameof(KeysetRow<TEntity>.Keys))!, Expression.NewArrayInit(typeof(object), values)));
        return Expression.Lambda<Func<TEntity, KeysetRow<TEntity>>>(row, entity);
    }
}
