using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

// The catalog's loaders run on every storefront page, so their queries are compiled once
// (EF.CompileAsyncQuery): a batch skips building the expression tree, EF's parameter extraction
// and its query-cache lookup, and goes straight to the cached SQL with the keys as one parameter.

public sealed class ProductByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Product>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, int[], IAsyncEnumerable<Product>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, int[] ids) => db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))));

    protected override async Task<IReadOnlyDictionary<int, Product>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await Query.For(db)(db, [.. keys]).ToDictionaryAsync(p => p.Id, cancellationToken: token), cancellationToken);
    }
}

public sealed class CategoryByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Category>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, int[], IAsyncEnumerable<Category>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, int[] ids) => db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id))));

    protected override async Task<IReadOnlyDictionary<int, Category>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await Query.For(db)(db, [.. keys]).ToDictionaryAsync(c => c.Id, cancellationToken: token), cancellationToken);
    }
}

// Lookups by URL name and the list of sections go through loaders too, like every read of a query:
// the loader is what records what a result was read from for the response cache.

public sealed class ProductBySlugDataLoader(ShopReadSession session) : BatchDataLoader<string, Product>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, string[], IAsyncEnumerable<Product>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, string[] slugs) => db.Products.AsNoTracking().Where(p => slugs.Contains(p.Slug))));

    protected override async Task<IReadOnlyDictionary<string, Product>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await Query.For(db)(db, [.. keys]).ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, token), cancellationToken);
    }
}

public sealed class CategoryBySlugDataLoader(ShopReadSession session) : BatchDataLoader<string, Category>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, string[], IAsyncEnumerable<Category>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, string[] slugs) => db.Categories.AsNoTracking().Where(c => slugs.Contains(c.Slug))));

    protected override async Task<IReadOnlyDictionary<string, Category>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await Query.For(db)(db, [.. keys]).ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, token), cancellationToken);
    }
}

/// <summary>Every category, by name (one key: <see cref="All"/>).</summary>
public sealed class CategoryListDataLoader(ShopReadSession session) : BatchDataLoader<bool, List<Category>>
{
    public const bool All = true;

    private static readonly CompiledPerProvider<Func<ShopDbContext, IAsyncEnumerable<Category>>> Query = new(() =>
        EF.CompileAsyncQuery<ShopDbContext, Category>(db => db.Categories.AsNoTracking().OrderBy(c => c.Name)));

    protected override async Task<IReadOnlyDictionary<bool, List<Category>>> LoadBatchAsync(IReadOnlyList<bool> keys, CancellationToken cancellationToken)
    {
        var categories = await session.ReadAsync(async (db, token) => await Query.For(db)(db).ToListAsync(token), cancellationToken);
        return new Dictionary<bool, List<Category>> { [All] = categories };
    }
}
