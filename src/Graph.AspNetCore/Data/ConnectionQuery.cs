using Graph.AspNetCore.Execution;
using System.Linq.Expressions;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Graph.AspNetCore.Data;

/// <summary>
/// One request for a page of a list: paging arguments, filter and order, run against an
/// <see cref="IQueryable{T}"/> with keyset paging. Everything becomes SQL: one SELECT for the page
/// (<c>WHERE filter AND keyset ORDER BY keys LIMIT n + 1</c>), and one COUNT when
/// <see cref="IncludeTotalCount"/> asks for it (none when the page is plainly the whole list).
/// </summary>
/// <remarks>
/// <para><c>first</c> pages forwards: <c>hasNextPage</c> is exact (the extra row); <c>hasPreviousPage</c> is
/// true when an <c>after</c> cursor was given, as HotChocolate reports it (no second query to look back).
/// <c>last</c> pages backwards and mirrors that. A <c>before</c> on a forward page (or <c>after</c> on a
/// backward one) bounds the window, so items lie past it and the flag on that side is true.</para>
/// <para>Neither <c>first</c> nor <c>last</c>: a page of <see cref="PagingOptions.DefaultPageSize"/>,
/// read backwards when only <c>before</c> is given.</para>
/// </remarks>
/// <param name="key">
/// The unique key (usually the primary key), appended to every order as the final tie-breaker so that
/// each row has its own position.
/// </param>
public sealed partial class ConnectionQuery<TEntity>(SortKey<TEntity> key)
    where TEntity : class
{
    private Plan? _plan;

    /// <summary>The unique key, the order's last key.</summary>
    public SortKey<TEntity> Key { get; } = key ?? throw new ArgumentNullException(nameof(key));

    /// <summary>The paging arguments.</summary>
    public PagingArguments Paging { get; init; }

    /// <summary>The page sizes the arguments are checked against.</summary>
    public PagingOptions Options { get; init; } = PagingOptions.Default;

    /// <summary>The filter, or null for every item.</summary>
    public Expression<Func<TEntity, bool>>? Filter { get; init; }

    /// <summary>The order, before the unique key; empty orders by the unique key alone.</summary>
    public IReadOnlyList<SortKey<TEntity>> Order { get; init; } = [];

    /// <summary>
    /// Whether the total count is wanted: it is then counted during <see cref="ExecuteAsync(DbContext, CancellationToken)"/>, while the
    /// caller's database context is still open. Otherwise it is counted only if
    /// <see cref="Connection{TNode}.GetTotalCountAsync"/> is called, which needs the source still usable.
    /// </summary>
    public bool IncludeTotalCount { get; init; }

    /// <summary>
    /// The entity members to read (and to set on each item), or null for the whole entity: each item is
    /// then a new entity with only these members set. The key's members are read whatever this says.
    /// </summary>
    public IReadOnlyList<string>? Members { get; init; }

    /// <summary>
    /// Checks the paging arguments and cursors, so a bad request fails before any database work.
    /// <see cref="ExecuteAsync(DbContext, CancellationToken)"/> checks them too.
    /// </summary>
    /// <exception cref="ExecutionError">Bad paging arguments or a cursor that is not one of this order.</exception>
    public void Validate() => _ = GetPlan();

    /// <summary>
    /// Reads the page from <paramref name="source"/> (a query already scoped, e.g. to a category), building
    /// the query for this request. On EF Core, <see cref="ExecuteAsync(DbContext, CancellationToken)"/> reads
    /// the entity's table with a query compiled once per shape.
    /// </summary>
    /// <exception cref="ExecutionError">Bad paging arguments or a cursor that is not one of this order.</exception>
    public async Task<Connection<TEntity>> ExecuteAsync(IQueryable<TEntity> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var plan = GetPlan();
        var filtered = Filter is null ? source : source.Where(Filter);
        var window = PageExpressions.Window(filtered.Expression, plan.Keys, PageExpressions.Inline(plan.Keys, plan.After), PageExpressions.Inline(plan.Keys, plan.Before));

        // One row more than the page tells whether more follow in the direction read. A wanted total
        // count rides along in the same SELECT; only an empty page after a cursor has no row to carry
        // it and counts on its own.
        var countAlong = IncludeTotalCount && source.Provider is IAsyncQueryProvider;
        var page = PageExpressions.Page(window, plan.Keys, plan.Page.Backward, Expression.Constant(plan.Page.Size + 1), countAlong ? filtered.Expression : null, plan.Members);
        var rows = await ToListAsync(source.Provider.CreateQuery<KeysetRow<TEntity>>(page), cancellationToken).ConfigureAwait(false);
        return await ToConnectionAsync(plan, rows, countAlong, () => filtered, cancellationToken).ConfigureAwait(false);
    }

    // The connection of the rows read, its total count read now when wanted (from the rows when it rode
    // along). The query that counts on its own is built only then: building it takes reflection.
    private async Task<Connection<TEntity>> ToConnectionAsync(Plan plan, List<KeysetRow<TEntity>> rows, bool countAlong, Func<IQueryable<TEntity>> filtered, CancellationToken cancellationToken)
    {
        var counted = countAlong && rows.Count > 0 ? rows[0].TotalCount : (int?)null;
        var connection = ToConnection(plan, rows, token => counted is { } total ? Task.FromResult(total) : CountAsync(filtered(), token));
        if (IncludeTotalCount)
        {
            await connection.GetTotalCountAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    // Turns the rows read (one more than the page, in reading order) into the connection.
    private static Connection<TEntity> ToConnection(Plan plan, List<KeysetRow<TEntity>> rows, Func<CancellationToken, Task<int>> count)
    {
        var more = rows.Count > plan.Page.Size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (plan.Page.Backward)
        {
            rows.Reverse();
        }

        Func<object?[], string> encode = position => KeysetCursor.Encode(plan.Fingerprint, plan.Keys, position);
        var edges = rows.ConvertAll(row => new Edge<TEntity>(row.Keys, encode, row.Node));
        var pageInfo = new PageInfo(
            hasNextPage: plan.Page.Backward ? plan.Before is not null : more || plan.Before is not null,
            hasPreviousPage: plan.Page.Backward ? more || plan.After is not null : plan.After is not null,
            first: edges.Count > 0 ? edges[0] : null,
            last: edges.Count > 0 ? edges[^1] : null);

        // A page without cursors and without more rows is the whole list: its size is the count.
        var whole = !more && plan.After is null && plan.Before is null;
        return new Connection<TEntity>(edges, pageInfo, token => whole ? Task.FromResult(edges.Count) : count(token));
    }

    private Plan GetPlan() => _plan ??= CreatePlan();

    private Plan CreatePlan()
    {
        var page = Paging.ToPageRequest(Options);

        // A key named twice would only repeat itself in the SQL and the cursor: the first one wins.
        var keys = Order.Append(Key).DistinctBy(k => k.Name, StringComparer.Ordinal).ToArray();
        var fingerprint = KeysetCursor.Fingerprint(keys);
        var projection = Members is null ? null : EntityProjection.For(Key, Members);
        return new Plan(page, keys, fingerprint, Decode(Paging.After, PagingArguments.AfterArgument), Decode(Paging.Before, PagingArguments.BeforeArgument), projection?.Members, projection?.Text);

        object[]? Decode(string? cursor, string argument) =>
            cursor is null
                ? null
                : KeysetCursor.Decode(cursor, fingerprint, keys)
                    ?? throw new ExecutionError($"`{argument}` is not a cursor of this list in this order.") { Code = ErrorCodes.PagingInvalidCursor };
    }

    // EF Core runs queries asynchronously; any other provider (LINQ to Objects in tests) synchronously.
    private static async Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) =>
        query.Provider is IAsyncQueryProvider ? await query.ToListAsync(cancellationToken).ConfigureAwait(false) : [.. query];

    private static async Task<int> CountAsync(IQueryable<TEntity> query, CancellationToken cancellationToken) =>
        query.Provider is IAsyncQueryProvider ? await query.CountAsync(cancellationToken).ConfigureAwait(false) : query.Count();

    // Members: what each item has set (EntityProjection), in order; null for whole entities. MembersText: them joined, for the shape.
    private sealed record Plan(PageRequest Page, SortKey<TEntity>[] Keys, string Fingerprint, object[]? After, object[]? Before, string[]? Members, string? MembersText);
}
