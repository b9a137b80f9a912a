using System.Linq.Expressions;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Data;

// Pages read from a context's table with EF Core compiled queries: the query's expression is built and
// translated once per shape (ConnectionShape) and cached (ShapeCache); each request sends only its values
// (filter operands, cursor key values, page size + 1, the parents' keys) as the query's parameters. That
// skips, per request, building the tree and EF Core's funcletizing and hashing of it to find its cached
// translation. A request the cache cannot take (a filter with constants of its own, too many values, a
// full cache) is read the per-request way, with the same SQL.
public sealed partial class ConnectionQuery<TEntity>
{
    /// <summary>
    /// Reads the page from <paramref name="db"/>'s <typeparamref name="TEntity"/> table, untracked, with a
    /// query compiled once per shape (filter, order, cursors, direction, count) and its values as parameters.
    /// </summary>
    /// <exception cref="ExecutionError">Bad paging arguments or a cursor that is not one of this order.</exception>
    public Task<Connection<TEntity>> ExecuteAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = GetPlan();
        var values = new List<object?>();
        if (Filter is not null && !FilterParameters.TryRead(Filter, values))
        {
            return ExecuteAsync(Items(db), cancellationToken);
        }

        AddPageValues(plan, values);
        var query = values.Count <= CompiledPageQuery.MaxParameters
            ? ShapeCache<Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<TEntity>>>>.Shared.GetOrAdd(Shape(db, plan, group: null), (Request: this, Plan: plan), static s => s.Request.CompilePage(s.Plan))
            : null;
        return query is null ? ExecuteAsync(Items(db), cancellationToken) : ReadAsync(db, query, [.. values], plan, () => Filter is null ? Items(db) : Items(db).Where(Filter), cancellationToken);
    }

    /// <summary>
    /// Reads the same page of many parents' lists in one statement, as
    /// <see cref="ExecuteGroupedAsync{TParentKey}(IQueryable{TEntity}, Expression{Func{TEntity, TParentKey}}, IReadOnlyList{TParentKey}, CancellationToken)"/>,
    /// from <paramref name="db"/>'s <typeparamref name="TEntity"/> table, untracked, with queries compiled once per shape.
    /// A single parent's page is read as a plain page of its items (no grouping, no window function).
    /// </summary>
    public Task<IReadOnlyDictionary<TParentKey, Connection<TEntity>>> ExecuteGroupedAsync<TParentKey>(
        DbContext db,
        Expression<Func<TEntity, TParentKey>> parentKey,
        IReadOnlyList<TParentKey> parents,
        CancellationToken cancellationToken = default)
        where TParentKey : notnull
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parentKey);
        ArgumentNullException.ThrowIfNull(parents);
        if (parents.Count == 1)
        {
            // One parent (a category's page): its plain page, WHERE parent = @p … LIMIT, reads in half the
            // time of the grouped statement's GROUP BY, join and ROW_NUMBER window.
            return ExecuteForParentAsync(db, parentKey, parents[0], cancellationToken);
        }

        var plan = GetPlan();
        var values = new List<object?>();
        if (Filter is not null && !FilterParameters.TryRead(Filter, values))
        {
            return ExecuteGroupedAsync(Items(db), parentKey, parents, cancellationToken);
        }

        values.Add(new List<TParentKey>(parents));
        var filterValues = values.Count;
        AddPageValues(plan, values);
        if (values.Count > CompiledPageQuery.MaxParameters)
        {
            return ExecuteGroupedAsync(Items(db), parentKey, parents, cancellationToken);
        }

        var shape = Shape(db, plan, group: ParentKeyText.Get(parentKey));
        var state = (Request: this, Plan: plan, ParentKey: parentKey);
        var pages = ShapeCache<Func<DbContext, object?[], IAsyncEnumerable<GroupPage<TParentKey>>>>.Shared.GetOrAdd(shape, state, static s => s.Request.CompileGroupedPages(s.Plan, s.ParentKey));
        var counts = IncludeTotalCount
            ? ShapeCache<Func<DbContext, object?[], IAsyncEnumerable<KeyValuePair<TParentKey, int>>>>.Shared.GetOrAdd(shape, state, static s => s.Request.CompileGroupCounts(s.ParentKey))
            : null;
        return pages is null || (IncludeTotalCount && counts is null)
            ? ExecuteGroupedAsync(Items(db), parentKey, parents, cancellationToken)
            : ReadGroupedAsync(db, pages, counts, [.. values], values.GetRange(0, filterValues).ToArray(), plan, parents, cancellationToken);
    }

    private static IQueryable<TEntity> Items(DbContext db) => db.Set<TEntity>().AsNoTracking();

    private async Task<IReadOnlyDictionary<TParentKey, Connection<TEntity>>> ExecuteForParentAsync<TParentKey>(
        DbContext db, Expression<Func<TEntity, TParentKey>> parentKey, TParentKey parent, CancellationToken cancellationToken)
        where TParentKey : notnull
    {
        var plan = GetPlan();
        var values = new List<object?>();
        if (Filter is not null && !FilterParameters.TryRead(Filter, values))
        {
            return await ExecuteGroupedAsync(Items(db), parentKey, [parent], cancellationToken).ConfigureAwait(false);
        }

        values.Add(parent);
        AddPageValues(plan, values);
        var query = values.Count <= CompiledPageQuery.MaxParameters
            ? ShapeCache<Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<TEntity>>>>.Shared.GetOrAdd(
                Shape(db, plan, group: "=" + ParentKeyText.Get(parentKey)),
                (Request: this, Plan: plan, ParentKey: parentKey),
                static s => s.Request.CompileParentPage(s.Plan, s.ParentKey))
            : null;
        if (query is null)
        {
            return await ExecuteGroupedAsync(Items(db), parentKey, [parent], cancellationToken).ConfigureAwait(false);
        }

        var page = await ReadAsync(db, query, [.. values], plan, () => OfParent(Filter is null ? Items(db) : Items(db).Where(Filter), parentKey, parent), cancellationToken).ConfigureAwait(false);
        return new Dictionary<TParentKey, Connection<TEntity>>(1) { [parent] = page };
    }

    // items.Where(e => parentKey(e) == parent), for the count read on its own.
    private static IQueryable<TEntity> OfParent<TParentKey>(IQueryable<TEntity> items, Expression<Func<TEntity, TParentKey>> parentKey, TParentKey parent) =>
        items.Where(IsParent(parentKey, QueryParameter.Create(parent, typeof(TParentKey))));

    // parentKey(e) == parent, the parent's key read by `parent` (a holder or a query parameter).
    private static Expression<Func<TEntity, bool>> IsParent<TParentKey>(Expression<Func<TEntity, TParentKey>> parentKey, Expression parent) =>
        Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(parentKey.Body, parent), parentKey.Parameters);

    // The values after the filter's, in the compiled queries' parameter order: cursors, then the rows to read.
    private static void AddPageValues(Plan plan, List<object?> values)
    {
        values.AddRange(plan.After ?? []);
        values.AddRange(plan.Before ?? []);
        values.Add(plan.Page.Size + 1);
    }

    private ConnectionShape Shape(DbContext db, Plan plan, string? group) => new(
        db.Model,
        typeof(TEntity),
        Filter?.ToString(),
        string.Concat(plan.Keys.Select(key => key.Shape)),
        plan.After is not null,
        plan.Before is not null,
        plan.Page.Backward,
        IncludeTotalCount,
        group,
        plan.MembersText);

    // counted: the items the page is taken from, for a count read on its own.
    private async Task<Connection<TEntity>> ReadAsync(
        DbContext db, Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<TEntity>>> query, object?[] values, Plan plan, Func<IQueryable<TEntity>> counted, CancellationToken cancellationToken)
    {
        var rows = await CompiledPageQuery.ToListAsync(query(db, values), cancellationToken).ConfigureAwait(false);

        // The count on its own (an empty page after a cursor, or asked later) is rare: built when it is needed.
        return await ToConnectionAsync(plan, rows, IncludeTotalCount, counted, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyDictionary<TParentKey, Connection<TEntity>>> ReadGroupedAsync<TParentKey>(
        DbContext db,
        Func<DbContext, object?[], IAsyncEnumerable<GroupPage<TParentKey>>> pages,
        Func<DbContext, object?[], IAsyncEnumerable<KeyValuePair<TParentKey, int>>>? counts,
        object?[] values,
        object?[] filterValues,
        Plan plan,
        IReadOnlyList<TParentKey> parents,
        CancellationToken cancellationToken)
        where TParentKey : notnull
    {
        var groups = await CompiledPageQuery.ToListAsync(pages(db, values), cancellationToken).ConfigureAwait(false);
        var totals = counts is null ? null : await CompiledPageQuery.ToListAsync(counts(db, filterValues), cancellationToken).ConfigureAwait(false);
        return ToConnections(plan, parents, groups, totals);
    }

    private Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<TEntity>>> CompilePage(Plan plan) =>
        CompilePage(plan, static (_, filtered) => filtered);

    // The page of one parent's items: its parameters are the filter's values, the parent's key, then the page's.
    private Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<TEntity>>> CompileParentPage<TParentKey>(Plan plan, Expression<Func<TEntity, TParentKey>> parentKey) =>
        CompilePage(plan, (query, filtered) => query.OfParent(filtered, parentKey));

    // The page of the filtered items, narrowed by `scope` (which may add parameters after the filter's).
    private Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<TEntity>>> CompilePage(Plan plan, Func<CompiledParameters, Expression, Expression> scope)
    {
        var query = new CompiledParameters();
        var filtered = scope(query, query.Filtered(Filter));
        var window = PageExpressions.Window(filtered, plan.Keys, query.Cursor(plan.Keys, plan.After), query.Cursor(plan.Keys, plan.Before));
        var page = PageExpressions.Page(window, plan.Keys, plan.Page.Backward, query.Add(typeof(int)), IncludeTotalCount ? filtered : null, plan.Members);
        return CompiledPageQuery.Compile<KeysetRow<TEntity>>(query.Context, query.Parameters, page);
    }

    private Func<DbContext, object?[], IAsyncEnumerable<GroupPage<TParentKey>>> CompileGroupedPages<TParentKey>(Plan plan, Expression<Func<TEntity, TParentKey>> parentKey)
    {
        var query = new CompiledParameters();
        var filtered = query.AmongParents(query.Filtered(Filter), parentKey);
        var window = PageExpressions.Window(filtered, plan.Keys, query.Cursor(plan.Keys, plan.After), query.Cursor(plan.Keys, plan.Before));
        var pages = GroupedPages(window, parentKey, plan, query.Add(typeof(int)));
        return CompiledPageQuery.Compile<GroupPage<TParentKey>>(query.Context, query.Parameters, pages);
    }

    // Its parameters are the filter's values and the parents' keys: the first of the pages' parameters.
    private Func<DbContext, object?[], IAsyncEnumerable<KeyValuePair<TParentKey, int>>> CompileGroupCounts<TParentKey>(Expression<Func<TEntity, TParentKey>> parentKey)
    {
        var query = new CompiledParameters();
        var filtered = query.AmongParents(query.Filtered(Filter), parentKey);
        return CompiledPageQuery.Compile<KeyValuePair<TParentKey, int>>(query.Context, query.Parameters, GroupCounts(filtered, parentKey));
    }

    // The compiled query's context and parameters, declared in the order the request's values are given.
    private sealed class CompiledParameters
    {
        public ParameterExpression Context { get; } = Expression.Parameter(typeof(DbContext), "db");

        public List<ParameterExpression> Parameters { get; } = [];

        public ParameterExpression Add(Type type)
        {
            var parameter = Expression.Parameter(type, $"p{Parameters.Count}");
            Parameters.Add(parameter);
            return parameter;
        }

        // db.Set<TEntity>().AsNoTracking()[.Where(filter with its values as parameters)]
        public Expression Filtered(Expression<Func<TEntity, bool>>? filter)
        {
            Expression items = Expression.Call(
                LinqMethods.AsNoTracking.MakeGenericMethod(typeof(TEntity)),
                Expression.Call(Context, LinqMethods.DbContextSet.MakeGenericMethod(typeof(TEntity))));
            if (filter is null)
            {
                return items;
            }

            var parameters = FilterParameters.Types(filter).ConvertAll(Add);
            return PageExpressions.Where<TEntity>(items, (LambdaExpression)FilterParameters.Replace(filter, parameters));
        }

        public Expression OfParent<TParentKey>(Expression filtered, Expression<Func<TEntity, TParentKey>> parentKey) =>
            PageExpressions.Where<TEntity>(filtered, IsParent(parentKey, Add(typeof(TParentKey))));

        public Expression AmongParents<TParentKey>(Expression filtered, Expression<Func<TEntity, TParentKey>> parentKey) =>
            PageExpressions.Where<TEntity>(filtered, IsAmong(parentKey, Add(typeof(List<TParentKey>))));

        public Expression[]? Cursor(IReadOnlyList<SortKey<TEntity>> keys, object[]? values) =>
            values is null ? null : [.. keys.Select(key => (Expression)Add(key.KeyType.ClrType))];
    }
}
