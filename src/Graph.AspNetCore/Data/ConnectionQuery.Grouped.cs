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
    /// empty connection. The query is built for this request; on EF Core,
    /// <see cref="ExecuteGroupedAsync{TParentKey}(DbContext, Expression{Func{TEntity, TParentKey}}, IReadOnlyList{TParentKey}, CancellationToken)"/>
    /// reads the entity's table with a query compiled once per shape.
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
        var filtered = Filter is null ? source.Expression : PageExpressions.Where<TEntity>(source.Expression, Filter);
        filtered = PageExpressions.Where<TEntity>(filtered, IsAmong(parentKey, QueryParameter.Create(new List<TParentKey>(parents), typeof(List<TParentKey>))));
        var window = PageExpressions.Window(filtered, plan.Keys, PageExpressions.Inline(plan.Keys, plan.After), PageExpressions.Inline(plan.Keys, plan.Before));

        var pages = GroupedPages(window, parentKey, plan, Expression.Constant(plan.Page.Size + 1));
        var groups = await source.Provider.CreateQuery<GroupPage<TParentKey>>(pages).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<KeyValuePair<TParentKey, int>>? counts = null;
        if (IncludeTotalCount)
        {
            counts = await source.Provider.CreateQuery<KeyValuePair<TParentKey, int>>(GroupCounts(filtered, parentKey)).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        return ToConnections(plan, parents, groups, counts);
    }

    // One connection per parent, empty for a parent without rows.
    private static Dictionary<TParentKey, Connection<TEntity>> ToConnections<TParentKey>(
        Plan plan, IReadOnlyList<TParentKey> parents, List<GroupPage<TParentKey>> groups, List<KeyValuePair<TParentKey, int>>? counts)
        where TParentKey : notnull
    {
        var byParent = groups.ToDictionary(g => g.Parent, g => g.Rows);
        var countByParent = counts?.ToDictionary(pair => pair.Key, pair => pair.Value);
        var connections = new Dictionary<TParentKey, Connection<TEntity>>(parents.Count);
        foreach (var parent in parents)
        {
            var rows = byParent.TryGetValue(parent, out var found) ? found : [];
            var total = countByParent is null ? (int?)null : countByParent.GetValueOrDefault(parent);
            connections[parent] = ToConnection(plan, rows, _ => total is { } known
                ? Task.FromResult(known)
                : throw new InvalidOperationException("The total count of a grouped page is read with the page: set IncludeTotalCount."));
        }

        return connections;
    }

    // parents.Contains(parentKey(e)), the list read by `parents` (a query parameter).
    private static Expression<Func<TEntity, bool>> IsAmong<TParentKey>(Expression<Func<TEntity, TParentKey>> parentKey, Expression parents)
    {
        var contains = Expression.Call(LinqMethods.EnumerableContains.MakeGenericMethod(typeof(TParentKey)), parents, parentKey.Body);
        return Expression.Lambda<Func<TEntity, bool>>(contains, parentKey.Parameters);
    }

    // window.GroupBy(parentKey).Select(g => page of g)
    private static MethodCallExpression GroupedPages<TParentKey>(Expression window, Expression<Func<TEntity, TParentKey>> parentKey, Plan plan, Expression take) =>
        Expression.Call(
            LinqMethods.QueryableSelect.MakeGenericMethod(typeof(IGrouping<TParentKey, TEntity>), typeof(GroupPage<TParentKey>)),
            Expression.Call(LinqMethods.QueryableGroupBy.MakeGenericMethod(typeof(TEntity), typeof(TParentKey)), window, Expression.Quote(parentKey)),
            Expression.Quote(PagePerGroup<TParentKey>(plan, take)));

    // filtered.GroupBy(parentKey).Select(g => new KeyValuePair(g.Key, g.Count()))
    private static MethodCallExpression GroupCounts<TParentKey>(Expression filtered, Expression<Func<TEntity, TParentKey>> parentKey) =>
        Expression.Call(
            LinqMethods.QueryableSelect.MakeGenericMethod(typeof(IGrouping<TParentKey, TEntity>), typeof(KeyValuePair<TParentKey, int>)),
            Expression.Call(LinqMethods.QueryableGroupBy.MakeGenericMethod(typeof(TEntity), typeof(TParentKey)), filtered, Expression.Quote(parentKey)),
            Expression.Quote(GroupPage<TParentKey>.CountPerGroup));

    // g => new GroupPage { Parent = g.Key, Rows = g.OrderBy(k1)...ThenBy(key).Take(n + 1).Select(e => new KeysetRow { ... }).ToList() }
    private static Expression<Func<IGrouping<TParentKey, TEntity>, GroupPage<TParentKey>>> PagePerGroup<TParentKey>(Plan plan, Expression take)
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

        items = Expression.Call(LinqMethods.EnumerableTake.MakeGenericMethod(typeof(TEntity)), items, take);
        var row = KeysetOrdering.RowSelector(plan.Keys, members: plan.Members);
        items = Expression.Call(LinqMethods.EnumerableSelect.MakeGenericMethod(typeof(TEntity), typeof(KeysetRow<TEntity>)), items, row);
        items = Expression.Call(LinqMethods.EnumerableToList.MakeGenericMethod(typeof(KeysetRow<TEntity>)), items);

        var page = Expression.MemberInit(
            Expression.New(typeof(GroupPage<TParentKey>)),
            Expression.Bind(GroupPage<TParentKey>.ParentMember, Expression.Property(group, GroupPage<TParentKey>.GroupKey)),
            Expression.Bind(GroupPage<TParentKey>.RowsMember, items));
        return Expression.Lambda<Func<IGrouping<TParentKey, TEntity>, GroupPage<TParentKey>>>(page, group);
    }

    private sealed class GroupPage<TParentKey>
    {
        // Looked up once per type, not on every page read.
        public static readonly PropertyInfo ParentMember = typeof(GroupPage<TParentKey>).GetProperty(nameof(Parent))!;
        public static readonly PropertyInfo RowsMember = typeof(GroupPage<TParentKey>).GetProperty(nameof(Rows))!;
        public static readonly PropertyInfo GroupKey = typeof(IGrouping<TParentKey, TEntity>).GetProperty(nameof(IGrouping<TParentKey, TEntity>.Key))!;

        // The total count of each parent's (filtered) list.
        public static readonly Expression<Func<IGrouping<TParentKey, TEntity>, KeyValuePair<TParentKey, int>>> CountPerGroup =
            g => new KeyValuePair<TParentKey, int>(g.Key, g.Count());

        public TParentKey Parent { get; init; } = default!;

        public List<KeysetRow<TEntity>> Rows { get; init; } = [];
    }
}
