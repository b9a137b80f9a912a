using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The generic LINQ methods the keyset queries (and an application's own hand-built queries) are built
/// from, looked up once (the compiler picks each overload). <c>Expression.Call(typeof(Queryable),
/// "OrderBy", …)</c> looks the method up by name on every call: it lists every method of the type, a
/// few hundred, and tries each overload; that was the largest single allocation of a grouped page read.
/// </summary>
public static class LinqMethods
{
    private static readonly MethodInfo QueryableOrderBy = Definition<IQueryable<object>, Expression<Func<object, object>>, IOrderedQueryable<object>>(Queryable.OrderBy);
    private static readonly MethodInfo QueryableOrderByDescending = Definition<IQueryable<object>, Expression<Func<object, object>>, IOrderedQueryable<object>>(Queryable.OrderByDescending);
    private static readonly MethodInfo QueryableThenBy = Definition<IOrderedQueryable<object>, Expression<Func<object, object>>, IOrderedQueryable<object>>(Queryable.ThenBy);
    private static readonly MethodInfo QueryableThenByDescending = Definition<IOrderedQueryable<object>, Expression<Func<object, object>>, IOrderedQueryable<object>>(Queryable.ThenByDescending);
    private static readonly MethodInfo EnumerableOrderBy = Definition<IEnumerable<object>, Func<object, object>, IOrderedEnumerable<object>>(Enumerable.OrderBy);
    private static readonly MethodInfo EnumerableOrderByDescending = Definition<IEnumerable<object>, Func<object, object>, IOrderedEnumerable<object>>(Enumerable.OrderByDescending);
    private static readonly MethodInfo EnumerableThenBy = Definition<IOrderedEnumerable<object>, Func<object, object>, IOrderedEnumerable<object>>(Enumerable.ThenBy);
    private static readonly MethodInfo EnumerableThenByDescending = Definition<IOrderedEnumerable<object>, Func<object, object>, IOrderedEnumerable<object>>(Enumerable.ThenByDescending);

    /// <summary><c>Queryable.Count&lt;T&gt;(IQueryable&lt;T&gt;)</c>.</summary>
    public static readonly MethodInfo QueryableCount = new Func<IQueryable<object>, int>(Queryable.Count).Method.GetGenericMethodDefinition();

    /// <summary><c>Queryable.Where&lt;T&gt;(IQueryable&lt;T&gt;, Expression&lt;Func&lt;T, bool&gt;&gt;)</c>.</summary>
    public static readonly MethodInfo QueryableWhere = Definition<IQueryable<object>, Expression<Func<object, bool>>, IQueryable<object>>(Queryable.Where);

    /// <summary><c>Queryable.Take&lt;T&gt;(IQueryable&lt;T&gt;, int)</c>.</summary>
    public static readonly MethodInfo QueryableTake = Definition<IQueryable<object>, int, IQueryable<object>>(Queryable.Take);

    /// <summary><c>Queryable.Select&lt;T, TResult&gt;(IQueryable&lt;T&gt;, Expression&lt;Func&lt;T, TResult&gt;&gt;)</c>.</summary>
    public static readonly MethodInfo QueryableSelect = Definition<IQueryable<object>, Expression<Func<object, object>>, IQueryable<object>>(Queryable.Select);

    /// <summary><c>Queryable.GroupBy&lt;T, TKey&gt;(IQueryable&lt;T&gt;, Expression&lt;Func&lt;T, TKey&gt;&gt;)</c>.</summary>
    public static readonly MethodInfo QueryableGroupBy = Definition<IQueryable<object>, Expression<Func<object, object>>, IQueryable<IGrouping<object, object>>>(Queryable.GroupBy);

    /// <summary><c>EntityFrameworkQueryableExtensions.AsNoTracking&lt;T&gt;(IQueryable&lt;T&gt;)</c>.</summary>
    public static readonly MethodInfo AsNoTracking = new Func<IQueryable<object>, IQueryable<object>>(EntityFrameworkQueryableExtensions.AsNoTracking).Method.GetGenericMethodDefinition();

    /// <summary><c>DbContext.Set&lt;T&gt;()</c>.</summary>
    public static readonly MethodInfo DbContextSet = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

    /// <summary><c>Enumerable.Take&lt;T&gt;(IEnumerable&lt;T&gt;, int)</c>.</summary>
    public static readonly MethodInfo EnumerableTake = Definition<IEnumerable<object>, int, IEnumerable<object>>(Enumerable.Take);

    /// <summary><c>Enumerable.Select&lt;T, TResult&gt;(IEnumerable&lt;T&gt;, Func&lt;T, TResult&gt;)</c>.</summary>
    public static readonly MethodInfo EnumerableSelect = Definition<IEnumerable<object>, Func<object, object>, IEnumerable<object>>(Enumerable.Select);

    /// <summary><c>Enumerable.ToList&lt;T&gt;(IEnumerable&lt;T&gt;)</c>.</summary>
    public static readonly MethodInfo EnumerableToList = new Func<IEnumerable<object>, List<object>>(Enumerable.ToList).Method.GetGenericMethodDefinition();

    /// <summary><c>Enumerable.Contains&lt;T&gt;(IEnumerable&lt;T&gt;, T)</c>.</summary>
    public static readonly MethodInfo EnumerableContains = Definition<IEnumerable<object>, object, bool>(Enumerable.Contains);

    /// <summary>The queryable ordering for a key: OrderBy for the first, ThenBy after it, descending or not.</summary>
    public static MethodInfo QueryableOrdering(bool first, bool descending) => (first, descending) switch
    {
        (true, false) => QueryableOrderBy,
        (true, true) => QueryableOrderByDescending,
        (false, false) => QueryableThenBy,
        (false, true) => QueryableThenByDescending,
    };

    /// <summary>The in-memory (grouped) ordering for a key, as <see cref="QueryableOrdering"/>.</summary>
    public static MethodInfo EnumerableOrdering(bool first, bool descending) => (first, descending) switch
    {
        (true, false) => EnumerableOrderBy,
        (true, true) => EnumerableOrderByDescending,
        (false, false) => EnumerableThenBy,
        (false, true) => EnumerableThenByDescending,
    };

    private static MethodInfo Definition<T1, T2, TResult>(Func<T1, T2, TResult> method) => method.Method.GetGenericMethodDefinition();
}
