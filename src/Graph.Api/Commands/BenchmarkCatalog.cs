using System.Globalization;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Commands;

/// <summary>
/// A large generated catalog for benchmarks (<c>db seed --products N</c>). Deterministic: product
/// <c>i</c> has the same SKU, name, slug, price, stock, category and timestamps on every run; a second
/// run continues the numbering after the products the first one added.
/// </summary>
public static class BenchmarkCatalog
{
    public const string SkuPrefix = "BENCH-";

    private const int BatchSize = 5_000;

    private static readonly DateTime Epoch = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Materials = ["Oak", "Steel", "Linen", "Copper", "Wool", "Bamboo", "Ceramic", "Leather", "Glass", "Cotton", "Walnut", "Granite"];

    private static readonly string[] Things = ["Lamp", "Stool", "Basket", "Mug", "Blanket", "Shelf", "Tray", "Bottle", "Vase", "Notebook", "Clock", "Bench", "Rug", "Bowl", "Pen"];

    /// <summary>Adds <paramref name="count"/> products, in batches of one transaction each, reporting every tenth.</summary>
    public static async Task<int> AddProductsAsync(IDbContextFactory<ShopDbContext> factory, int count, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return 0;
        }

        int first;
        int[] categories;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            first = await db.Products.CountAsync(p => p.Sku.StartsWith(SkuPrefix), cancellationToken);
            categories = await db.Categories.OrderBy(c => c.Id).Select(c => c.Id).ToArrayAsync(cancellationToken);
            if (categories.Length == 0)
            {
                var category = new Category { Name = "Benchmark", Slug = "benchmark" };
                db.Categories.Add(category);
                await db.SaveChangesAsync(cancellationToken);
                categories = [category.Id];
            }
        }

        var started = TimeProvider.System.GetTimestamp();
        var nextReport = 1;
        for (var done = 0; done < count;)
        {
            var size = Math.Min(BatchSize, count - done);
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var batch = new Product[size];
                for (var j = 0; j < size; j++)
                {
                    batch[j] = Create(first + done + j, categories);
                }

                db.Products.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken);
            }

            done += size;

            // One line when a batch crosses a tenth of the way (one line for a single batch), saying
            // how far it really is.
            var tenths = (int)(done * 10L / count);
            if (tenths >= nextReport)
            {
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {done * 100L / count,3}%  {done,9:N0} products  {elapsed.TotalSeconds,6:0.0} s"));
                nextReport = tenths + 1;
            }
        }

        return count;
    }

    /// <summary>Product number <paramref name="index"/> (zero-based) of the generated catalog.</summary>
    public static Product Create(int index, IReadOnlyList<int> categoryIds)
    {
        ArgumentNullException.ThrowIfNull(categoryIds);
        var number = index + 1;
        var name = string.Create(CultureInfo.InvariantCulture, $"{Materials[index % Materials.Length]} {Things[index / Materials.Length % Things.Length]} {number}");
        return new Product
        {
            Sku = string.Create(CultureInfo.InvariantCulture, $"{SkuPrefix}{number:D7}"),
            Name = name,
            Slug = Slugs.From(name) + "-bench",
            Description = $"A generated {name.ToLowerInvariant()} for benchmarks.",
            Price = 1.99m + (index * 37 % 500) + (index % 100 / 100m),
            Stock = index % 11 == 0 ? 0 : 1 + (index * 7 % 200),
            CategoryId = categoryIds[index % categoryIds.Count],
            CreatedAt = Epoch.AddMinutes(index),
            RowVersion = new Guid(number, 0x6265, 0x6e63, 0x68, 0x6d, 0x61, 0x72, 0x6b, 0x00, 0x00, 0x00),
        };
    }
}
