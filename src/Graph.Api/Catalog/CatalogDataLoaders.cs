using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

// The catalog's loaders run on every storefront page, so their queries are compiled once
// (KeyedLookup, EF.CompileAsyncQuery): a batch skips building the expression tree, EF's parameter
// extraction and its query-cache lookup, and a batch of one key reads `WHERE key = @key`.

public sealed class ProductByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Product>
{
    private static readonly KeyedLookup<Product, int> Lookup = new(p => p.Id);

    protected override Task<IReadOnlyDictionary<int, Product>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
}

public sealed class CategoryByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Category>
{
    private static readonly KeyedLookup<Category, int> Lookup = new(c => c.Id);

    protected override Task<IReadOnlyDictionary<int, Category>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
}

// Lookups by URL name and the list of sections go through loaders too, like every read of a query:
// the loader is what records what a result was read from for the response cache.

public sealed class ProductBySlugDataLoader(ShopReadSession session) : BatchDataLoader<string, Product>
{
    private static readonly KeyedLookup<Product, string> Lookup = new(p => p.Slug, StringComparer.Ordinal);

    protected override Task<IReadOnlyDictionary<string, Product>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
}

public sealed class CategoryBySlugDataLoader(ShopReadSession session) : BatchDataLoader<string, Category>
{
    private static readonly KeyedLookup<Category, string> Lookup = new(c => c.Slug, StringComparer.Ordinal);

    protected override Task<IReadOnlyDictionary<string, Category>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
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
