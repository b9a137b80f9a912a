using System.Linq.Expressions;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Batches one connection field across the parents of a wave: every parent that asks for the same
/// field (same document position, so the same arguments) is answered by one grouped query
/// (<see cref="ConnectionQuery{TEntity}.ExecuteGroupedAsync{TParentKey}(DbContext, Expression{Func{TEntity, TParentKey}}, IReadOnlyList{TParentKey}, CancellationToken)"/>),
/// compiled once per shape, on the context the scope opens.
/// </summary>
internal sealed class ConnectionBatchLoader<TParentKey, TEntity>(
    ConnectionQuery<TEntity> query,
    Expression<Func<TEntity, TParentKey>> parentKey,
    DbContextScope scope,
    IServiceProvider services) : DataLoaderBase<TParentKey, Connection<TEntity>>
    where TParentKey : notnull
    where TEntity : class
{
    protected override Task FetchAsync(IReadOnlyList<TParentKey> keys, BatchResults<TParentKey, Connection<TEntity>> results, CancellationToken cancellationToken) =>
        scope(
            services,
            async db => results.SetValues(await query.ExecuteGroupedAsync(db, parentKey, keys, cancellationToken).ConfigureAwait(false)),
            cancellationToken);
}
