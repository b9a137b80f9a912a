using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// A batch loader over the shop's database: each batch opens its own context from the pooled
/// factory, so concurrent batches never share one, and reads without tracking.
/// </summary>
public abstract class ShopBatchDataLoader<TKey, TValue>(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<TKey, TValue>
    where TKey : notnull
{
    protected sealed override async Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, keys, cancellationToken);
    }

    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> LoadAsync(ShopDbContext db, IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}

/// <summary>A grouped loader over the shop's database (one key, many values), a context per batch.</summary>
public abstract class ShopGroupedDataLoader<TKey, TValue>(IDbContextFactory<ShopDbContext> factory) : GroupedDataLoader<TKey, TValue>
    where TKey : notnull
{
    protected sealed override async Task<ILookup<TKey, TValue>> LoadGroupedBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, keys, cancellationToken);
    }

    protected abstract Task<ILookup<TKey, TValue>> LoadAsync(ShopDbContext db, IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}

