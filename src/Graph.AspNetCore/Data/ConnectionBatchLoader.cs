using System.Linq.Expressions;
using Graph.AspNetCore.DataLoader;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Batches one connection field across the parents of a wave: every parent that asks for the same
/// field (same document position, so the same arguments) is answered by one grouped query
/// (<see cref="ConnectionQuery{TEntity}.ExecuteGroupedAsync{TParentKey}(Microsoft.EntityFrameworkCore.DbContext, Expression{Func{TEntity, TParentKey}}, IReadOnlyList{TParentKey}, CancellationToken)"/>),
/// compiled once per shape when the scope opens a context, built per request when it opens a query.
/// </summary>
internal sealed class ConnectionBatchLoader<TParentKey, TEntity> : DataLoaderBase<TParentKey, Connection<TEntity>>
    where TParentKey : notnull
    where TEntity : class
{
    private readonly ConnectionQuery<TEntity> _query;
    private readonly Expression<Func<TEntity, TParentKey>> _parentKey;
    private readonly IServiceProvider _services;
    private readonly QueryScope<TEntity>? _queryScope;
    private readonly DbContextScope? _contextScope;

    public ConnectionBatchLoader(ConnectionQuery<TEntity> query, Expression<Func<TEntity, TParentKey>> parentKey, QueryScope<TEntity> scope, IServiceProvider services)
        : this(query, parentKey, services) => _queryScope = scope;

    public ConnectionBatchLoader(ConnectionQuery<TEntity> query, Expression<Func<TEntity, TParentKey>> parentKey, DbContextScope scope, IServiceProvider services)
        : this(query, parentKey, services) => _contextScope = scope;

    private ConnectionBatchLoader(ConnectionQuery<TEntity> query, Expression<Func<TEntity, TParentKey>> parentKey, IServiceProvider services)
    {
        _query = query;
        _parentKey = parentKey;
        _services = services;
    }

    protected override Task FetchAsync(IReadOnlyList<TParentKey> keys, BatchResults<TParentKey, Connection<TEntity>> results, CancellationToken cancellationToken) =>
        _contextScope is { } contextScope
            ? contextScope(
                _services,
                async db => results.SetValues(await _query.ExecuteGroupedAsync(db, _parentKey, keys, cancellationToken).ConfigureAwait(false)),
                cancellationToken)
            : _queryScope!(
                _services,
                async items => results.SetValues(await _query.ExecuteGroupedAsync(items, _parentKey, keys, cancellationToken).ConfigureAwait(false)),
                cancellationToken);
}
