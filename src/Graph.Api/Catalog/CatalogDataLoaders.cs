using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

public sealed class ProductByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : ShopBatchDataLoader<int, Product>(factory)
{
    protected override async Task<IReadOnlyDictionary<int, Product>> LoadAsync(ShopDbContext db, IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking().Where(p => keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
}

public sealed class CategoryByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : ShopBatchDataLoader<int, Category>(factory)
{
    protected override async Task<IReadOnlyDictionary<int, Category>> LoadAsync(ShopDbContext db, IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().Where(c => keys.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
}

/// <summary>A product's review count and mean rating, for many products in one grouped query.</summary>
public sealed class ProductRatingByProductIdDataLoader(IDbContextFactory<ShopDbContext> factory) : ShopBatchDataLoader<int, ProductRating>(factory)
{
    protected override async Task<IReadOnlyDictionary<int, ProductRating>> LoadAsync(ShopDbContext db, IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        await db.Reviews.AsNoTracking()
            .Where(r => keys.Contains(r.ProductId))
            .GroupBy(r => r.ProductId)
            .Select(g => new ProductRating(g.Key, g.Count(), g.Average(r => (double)r.Rating)))
            .ToDictionaryAsync(r => r.ProductId, cancellationToken);
}

public sealed record ProductRating(int ProductId, int Count, double Average);
