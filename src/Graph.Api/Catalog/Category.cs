namespace Graph.Api.Catalog;

/// <summary>A catalog section (src/Graph.Api/README.md: name, slug).</summary>
public sealed class Category
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>URL name; unique.</summary>
    public required string Slug { get; set; }

    public List<Product> Products { get; } = [];
}
