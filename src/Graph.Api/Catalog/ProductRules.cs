using Graph.Api.Data;
using Graph.AspNetCore.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>What a product's fields may hold, checked before catalog admin writes one.</summary>
public static class ProductRules
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxStock = 1_000_000;
    public const decimal MaxPrice = 1_000_000m;

    public static IPayloadError? CheckSku(string sku) =>
        sku.Length is 0 or > MaxSkuLength ? new InvalidSkuError(sku) : null;

    public static IPayloadError? CheckName(string name) =>
        name.Length is 0 or > MaxNameLength ? new InvalidProductNameError(name) : null;

    public static IPayloadError? CheckDescription(string? description) =>
        description?.Length > MaxDescriptionLength ? new InvalidDescriptionError(description.Length) : null;

    // Money is stored as whole cents: a third decimal would be rounded away silently.
    public static IPayloadError? CheckPrice(decimal price) =>
        price is > 0m and <= MaxPrice && decimal.Round(price, 2) == price ? null : new InvalidPriceError(price);

    public static IPayloadError? CheckStock(int stock) =>
        stock is >= 0 and <= MaxStock ? null : new InvalidStockError(stock);

    /// <summary>A URL name from the product's name that no product has yet: "name", else "name-2", "name-3", ...</summary>
    public static async Task<string> UniqueSlugAsync(ShopDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var slug = Slugs.From(name);
        if (slug.Length == 0)
        {
            slug = "product";
        }

        slug = slug[..Math.Min(slug.Length, 200)];
        var prefix = slug + "-";
        var taken = (await db.Products.AsNoTracking().Where(p => p.Slug == slug || p.Slug.StartsWith(prefix))
            .Select(p => p.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(slug))
        {
            return slug;
        }

        var n = 2;
        while (taken.Contains(FormattableString.Invariant($"{prefix}{n}")))
        {
            n++;
        }

        return FormattableString.Invariant($"{prefix}{n}");
    }
}
