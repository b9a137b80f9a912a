using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Data;

public sealed partial class ConnectionQuery<TEntity>
{
    /// <summary>
    /// Reads the same page (same arguments, filter and order) of many parents' lists in one statement:
    /// <c>GROUP BY parent</c> with each group ordered and cut to the page (<c>ROW_NUMBER() OVER (PARTITION BY parent …)</c>
    /// in SQL), so <c>categories { products(first: 20) }</c> costs one SELECT however many categories
    /// there are, and one grouped COUNT when the total count is wanted. A parent without items gets an
    /// empty connection.
    /// </summary>
    /// <param name="source">All items of every parent (e.g. <c>db.Products</c>).</param>
    /// <param name="parentKey">The item's parent key (e.g. <c>p =&gt; p.CategoryId</c>).</param>
    /// <param name="parents">The parents whose pages are read.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IReadOnlyDictionary<TParentKey, Connection<TEntity>>> ExecuteGroupedAsync<TParentKey>(
        IQueryable<TEntity> source,
        Expression<Func<TEntity, TParentKey>> parentKey,
        IReadOnlyList<TParentKey> parents,
        CancellationToken cancellationToken = default)
        where TParentKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parentKey);
        ArgumentNullException.ThrowIfNull(parents);
        var plan = GetPlan();
        var filtered = (Filter is null ? source : source.Where(Filter)).Where(IsAmong(parentKey, parents));
        var window = filtered;
        if (plan.After is { } after)
        {
            window = window.Where(KeysetPredicate.Create(plan.Keys, after, after: true));
        }

        if (plan.Before is { } before)
        {
            window = window.Where(KeysetPredicate.Create(plan.Keys, before, after: false));
        }

        var groups = await window.GroupBy(parentKey).Select(PagePerGroup<TParentKey>(plan)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byParent = groups.ToDictionary(g => g.Parent, g => g.Rows);

        Dictionary<TParentKey, int>? counts = null;
        if (IncludeTotalCount)
        {
            counts = await filtered.GroupBy(parentKey)
                .Select(g => new KeyValuePair<TParentKey, int>(g.Key, g.Count()))
                .ToDictionaryAsync(pair => pair.Key, pair => pair.Value, cancellationToken)
                .ConfigureAwait(false);
        }

        var connections = new Dictionary<TParentKey, Connection<TEntity>>(parents.Count);
        foreach (var parent in parents)
        {
            var rows = byParent.TryGetValue(parent, out var found) ? found : [];
            var total = counts is null ? (int?)null : counts.GetValueOrDefault(parent);
            connections[parent] = ToConnection(plan, rows, _ => total is { } known
                ? Task.FromResult(known)
                : throw new InvalidOperationException("The total count of a grouped page is read with the page: set IncludeTotalCount."));
        }

        return connections;
    }

    // parents.Contains(parentKey(e)), with the list as a query parameter.
    private static Expression<Func<TEntity, bool>> IsAmong<TParentKey>(Expression<Func<TEntity, TParentKey>> parentKey, IReadOnlyList<TParentKey> parents)
    {
        var holder = new ParentList<TParentKey>([.. parents]);
        var list = Expression.Property(Expression.Constant(holder), nameof(ParentList<TParentKey>.Values));
        var contains = Expression.Call(LinqMethods.EnumerableContains.MakeGenericMethod(typeof(TParentKey)), list, parentKey.Body);
        return Expression.Lambda<Func<TEntity, bool>>(contains, parentKey.Parameters);
    }

    // g => new GroupPage { Parent = g.Key, Rows = g.OrderBy(k1)...ThenBy(key).Take(n + 1).Select(e => new KeysetRow { ... }).ToList() }
    private static Expression<Func<IGrouping<TParentKey, TEntity>, GroupPage<TParentKey>>> PagePerGroup<TParentKey>(Plan plan)
    {
        var group = Expression.Parameter(typeof(IGrouping<TParentKey, TEntity>), "g");
        Expression items = group;
        for (var i = 0; i < plan.Keys.Length; i++)
        {
            var descending = (plan.Keys[i].Direction == SortDirection.Descending) != plan.Page.Backward;
            var selector = plan.Keys[i].OrderSelector;
            var method = LinqMethods.EnumerableOrdering(first: i == 0, descending).MakeGenericMethod(typeof(TEntity), selector.ReturnType);
            items = Expression.Call(method, items, selector);
        }

        items = Expression.Call(LinqMethods.EnumerableTake.MakeGenericMethod(typeof(TEntity)), items, Expression.Constant(plan.Page.Size + 1));
        var row = KeysetOrdering.RowSelector(plan.Keys);
        items = Expression.Call(LinqMethods.EnumerableSelect.MakeGenericMethod(typeof(TEntity), typeof(KeysetRow<TEntity>)), items, row);
        items = Expression.Call(LinqMethods.EnumerableToList.MakeGenericMethod(typeof(KeysetRow<TEntity>)), items);

        var page = Expression.MemberInit(
            Expression.New(typeof(GroupPage<TParentKey>)),
            Expression.Bind(GroupPage<TParentKey>.ParentMember, Expression.Property(group, GroupPage<TParentKey>.GroupKey)),
            Expression.Bind(GroupPage<TParentKey>.RowsMember, items));
        return Expression.Lambda<Func<IGrouping<TParentKey, TEntity>, GroupPage<TParentKey>>>(page, group);
    }

    private sealed class ParentList<TParentKey>(List<TParentKey> values)
    {
        public List<TParentKey> Values { get; } = values;
    }

    private sealed class GroupPage<TParentKey>
    {
        // Looked up once per type, not on every page read.
        public static readonly PropertyInfo ParentMember = typeof(GroupPage<TParentKey>).GetProperty(nameof(Parent))!;
        public static readonly PropertyInfo RowsMember = typeof(GroupPage<TParentKey>).GetProperty(nameof(Rows))!;
        public static readonly PropertyInfo GroupKey = typeof(IGrouping<TParentKey, TEntity>).GetProperty(nameof(IGrouping<TParentKey, TEntity>.Key))!;

        public TParentKey Parent { get; init; } = default!;

        public List<KeysetRow<TEntity>> Rows { get; init; } = [];
    }
}
