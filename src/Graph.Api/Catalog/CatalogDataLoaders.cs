using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

// The catalog's loaders run on every storefront page, so their queries are compiled once
// (EF.CompileAsyncQuery): a batch skips building the expression tree, EF's parameter extraction
// and its query-cache lookup, and goes straight to the cached SQL with the keys as one parameter.

public sealed class ProductByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<int, Product>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, int[], IAsyncEnumerable<Product>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, int[] ids) => db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))));

    protected override async Task<IReadOnlyDictionary<int, Product>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        return await Query.For(db)(db, [.. keys]).ToDictionaryAsync(p => p.Id, cancellationToken: cancellationToken);
    }
}

public sealed class CategoryByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<int, Category>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, int[], IAsyncEnumerable<Category>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, int[] ids) => db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id))));

    protected override async Task<IReadOnlyDictionary<int, Category>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        return await Query.For(db)(db, [.. keys]).ToDictionaryAsync(c => c.Id, cancellationToken: cancellationToken);
    }
}
