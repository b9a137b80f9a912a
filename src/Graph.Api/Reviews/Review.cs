using Graph.Api.Accounts;
using Graph.Api.Catalog;

namespace Graph.Api.Reviews;

/// <summary>A user's rating (1-5) of a product; one per user and product.</summary>
public sealed class Review
{
    public int Id { get; set; }

    public int ProductId { get; set; }

    public Product? Product { get; set; }

    public int AuthorId { get; set; }

    public User? Author { get; set; }

    public int Rating { get; set; }

    public string? Body { get; set; }

    public DateTime CreatedAt { get; set; }
}
