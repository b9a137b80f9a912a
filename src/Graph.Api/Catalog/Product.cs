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

    /// <summary>Optimistic concurrency token for edits through the change tracker.</summary>
    public Guid RowVersion { get; set; } = Guid.NewGuid();
}
