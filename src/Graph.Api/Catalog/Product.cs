namespace Graph.Api.Catalog;

/// <summary>Something the shop sells.</summary>
public sealed class Product
{
    public int Id { get; set; }

    /// <summary>Stock-keeping unit; unique.</summary>
    public required string Sku { get; set; }

    public required string Name { get; set; }

    /// <summary>URL name made from the name; unique.</summary>
    public required string Slug { get; set; }

    public string? Description { get; set; }

    public decimal Price { get; set; }

    /// <summary>Units on hand. Changed only by conditional updates, so a unit is never sold twice.</summary>
    public int Stock { get; set; }

    public int CategoryId { get; set; }

    public Category? Category { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// How many reviews the product has. With <see cref="RatingTotal"/>, kept by <c>addReview</c> in
    /// the review's own transaction, so a product card's rating costs no aggregate query.
    /// </summary>
    public int ReviewCount { get; set; }

    /// <summary>The sum of the product's review ratings; the mean is this over <see cref="ReviewCount"/>.</summary>
    public int RatingTotal { get; set; }

    /// <summary>The mean rating of the product's reviews; null when it has none.</summary>
    public double? AverageRating => ReviewCount == 0 ? null : (double)RatingTotal / ReviewCount;

    /// <summary>
    /// Optimistic concurrency token for edits through the change tracker. Whoever creates a product
    /// sets it (<see cref="NewRowVersion"/>); an initializer would run for every product read too, and
    /// <see cref="Guid.NewGuid"/> reads the kernel's random source: a system call per row of a page.
    /// </summary>
    public Guid RowVersion { get; set; }

    /// <summary>A fresh concurrency token, for a new product and for each edit.</summary>
    public static Guid NewRowVersion() => Guid.NewGuid();
}
