using Graph.Api.Accounts;
using Graph.Api.Catalog;

namespace Graph.Api.Carts;

/// <summary>A product in a user's cart; one row per user and product.</summary>
public sealed class CartItem
{
    public int UserId { get; set; }

    public User? User { get; set; }

    public int ProductId { get; set; }

    public Product? Product { get; set; }

    public int Quantity { get; set; }

    public DateTime AddedAt { get; set; }
}
