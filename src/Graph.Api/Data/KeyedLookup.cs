using System.Linq.Expressions;
using System.Reflection;
using Graph.AspNetCore.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// A DataLoader batch's read of <typeparamref name="TEntity"/> by a key column, as two queries
/// compiled once (<c>EF.CompileAsyncQuery</c>): a batch of one key reads <c>WHERE key = @key</c>, a
/// larger batch <c>WHERE key IN (SELECT value FROM json_each(@keys))</c> (on PostgreSQL
/// <c>= ANY (@keys)</c>). By a unique key (<see cref="ReadAsync"/>) or a foreign key, the rows of
/// each key in the given order (<see cref="ReadGroupsAsync"/>).
/// </summary>
/// <remarks>
/// Most batches on a page are of one key (the product of a product page, its category, a category
/// page's category). The key-list form costs a batch of one what it costs a batch of twenty: EF Core
/// writes the keys as a JSON parameter, and SQLite parses it and builds (then drops) a temporary
/// index for the <c>IN</c> on every execution. The single-key form is an index lookup with one bound
/// value. Both forms are compiled queries, so neither builds an expression tree per batch.
/// </remarks>
/// <typeparam name="TEntity">The entity read, without tracking.</typeparam>
/// <typeparam name="TKey">The key's type.</typeparam>
public sealed class KeyedLookup<TEntity, TKey>
    where TEntity : class
    where TKey : notnull
{
    private static readonly MethodInfo SetMethod = LinqMethods.DbContextSet.MakeGenericMethod(typeof(TEntity));
    private static readonly MethodInfo AsNoTrackingMethod = LinqMethods.AsNoTracking.MakeGenericMethod(typeof(TEntity));
    private static readonly MethodInfo WhereMethod = LinqMethods.QueryableWhere.MakeGenericMethod(typeof(TEntity));
    private static readonly MethodInfo ContainsMethod = LinqMethods.EnumerableContains.MakeGenericMethod(typeof(TKey));

    private readonly Func<TEntity, TKey> _keyOf;
    private readonly IEqualityComparer<TKey>? _comparer;
    private readonly CompiledPerProvider<Func<ShopDbContext, TKey, IAsyncEnumerable<TEntity>>> _one;
    private readonly CompiledPerProvider<Func<ShopDbContext, TKey[], IAsyncEnumerable<TEntity>>> _many;

    /// <summary>Reads by <paramref name="key"/>, a member of the entity mapped to a column.</summary>
    /// <param name="key">The key member, <c>p =&gt; p.Slug</c>.</param>
    /// <param name="comparer">How the result compares keys (ordinal for strings); the default comparer when null.</param>
    /// <param name="order">The order of the rows read, <c>rows =&gt; rows.OrderBy(l =&gt; l.Id)</c>; none when null.</param>
    public KeyedLookup(Expression<Func<TEntity, TKey>> key, IEqualityComparer<TKey>? comparer = null, Expression<Func<IQueryable<TEntity>, IQueryable<TEntity>>>? order = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keyOf = key.Compile();
        _comparer = comparer;
        _one = new(() => EF.CompileAsyncQuery(Query<TKey>(key, order, (column, value) => Expression.Equal(column, value))));
        _many = new(() => EF.CompileAsyncQuery(Query<TKey[]>(key, order, (column, values) => Expression.Call(ContainsMethod, values, column))));
    }

    /// <summary>The entities whose key is one of <paramref name="keys"/> (distinct), by key; a key not found is left out.</summary>
    public async Task<IReadOnlyDictionary<TKey, TEntity>> ReadAsync(ShopDbContext db, IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<TKey, TEntity>(keys.Count, _comparer);
        await foreach (var row in Rows(db, keys).WithCancellation(cancellationToken))
        {
            found[_keyOf(row)] = row;
        }

        return found;
    }

    /// <summary>The entities whose key is one of <paramref name="keys"/> (distinct), grouped by key, each group in the lookup's order; a key not found has an empty group.</summary>
    public async Task<ILookup<TKey, TEntity>> ReadGroupsAsync(ShopDbContext db, IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var rows = new List<TEntity>();
        await foreach (var row in Rows(db, keys).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows.ToLookup(_keyOf, _comparer);
    }

    private IAsyncEnumerable<TEntity> Rows(ShopDbContext db, IReadOnlyList<TKey> keys) =>
        keys.Count == 1 ? _one.For(db)(db, keys[0]) : _many.For(db)(db, [.. keys]);

    // (db, value) => order(db.Set<TEntity>().AsNoTracking().Where(e => match(e.Key, value)))
    private static Expression<Func<ShopDbContext, TValue, IQueryable<TEntity>>> Query<TValue>(
        Expression<Func<TEntity, TKey>> key, Expression<Func<IQueryable<TEntity>, IQueryable<TEntity>>>? order, Func<Expression, Expression, Expression> match)
    {
        var db = Expression.Parameter(typeof(ShopDbContext), "db");
        var value = Expression.Parameter(typeof(TValue), "value");
        var entity = key.Parameters[0];
        var predicate = Expression.Lambda<Func<TEntity, bool>>(match(key.Body, value), entity);
        var source = Expression.Call(AsNoTrackingMethod, Expression.Call(db, SetMethod));
        Expression rows = Expression.Call(WhereMethod, source, Expression.Quote(predicate));
        if (order is not null)
        {
            // EF Core inlines the invoked lambda when it translates the query.
            rows = Expression.Invoke(order, rows);
        }

        return Expression.Lambda<Func<ShopDbContext, TValue, IQueryable<TEntity>>>(rows, db, value);
    }
}
