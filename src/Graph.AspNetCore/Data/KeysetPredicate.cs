using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The WHERE of <c>after</c> and <c>before</c>: the rows strictly past a cursor's position in the order,
/// <c>(k1 &gt; v1) OR (k1 = v1 AND k2 &gt; v2) OR (k1 = v1 AND k2 = v2 AND k3 &gt; v3) ...</c>
/// with <c>&lt;</c> for descending keys. The unique key is the last key, so no two rows share a position
/// and rows added meanwhile never shift a page.
/// </summary>
internal static class KeysetPredicate
{
    /// <summary>The rows after (<paramref name="after"/>) or before the position <paramref name="values"/>.</summary>
    /// <param name="keys">The sort keys.</param>
    /// <param name="values">Expressions that read the position's key values, one per key (query parameters).</param>
    /// <param name="after">After the position, or before it.</param>
    public static Expression<Func<TEntity, bool>> Create<TEntity>(IReadOnlyList<SortKey<TEntity>> keys, IReadOnlyList<Expression> values, bool after)
        where TEntity : class
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        Expression? predicate = null;
        Expression? equalSoFar = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var column = ParameterReplacer.Apply(key.OrderSelector, entity);
            var value = values[i];
            var greater = after == (key.Direction == SortDirection.Ascending);
            var past = key.KeyType.Compare(greater ? ExpressionType.GreaterThan : ExpressionType.LessThan, column, value);
            var term = equalSoFar is null ? past : Expression.AndAlso(equalSoFar, past);
            predicate = predicate is null ? term : Expression.OrElse(predicate, term);

            var equal = key.KeyType.Compare(ExpressionType.Equal, column, value);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }

        return Expression.Lambda<Func<TEntity, bool>>(predicate ?? Expression.Constant(true), entity);
    }
}
