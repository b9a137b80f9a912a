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

// Lookups by URL name and the list of sections go through loaders too, like every read of a query:
// the loader is what records what a result was read from for the response cache.

public sealed class ProductBySlugDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<string, Product>
{
    protected override async Task<IReadOnlyDictionary<string, Product>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Where(p => keys.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, cancellationToken);
    }
}

public sealed class CategoryBySlugDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<string, Category>
{
    protected override async Task<IReadOnlyDictionary<string, Category>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().Where(c => keys.Contains(c.Slug)).ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, cancellationToken);
    }
}

/// <summary>Every category, by name (one key: <see cref="All"/>).</summary>
public sealed class CategoryListDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<bool, List<Category>>
{
    public const bool All = true;

    protected override async Task<IReadOnlyDictionary<bool, List<Category>>> LoadBatchAsync(IReadOnlyList<bool> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return new Dictionary<bool, List<Category>> { [All] = categories };
    }
}
