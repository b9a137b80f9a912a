using Graph.Api.Accounts;
using Graph.Api.Catalog;

namespace Graph.Api.Carts;

/// <summary>A product in a user's cart; one row per user and product.</summary>
public sealed class CartItem
{
    /// <summary>The most units of one product a cart holds (a shop, not a wholesaler).</summary>
    public const int MaxQuantity = 99;

    public int UserId { get; set; }

    public User? User { get; set; }

    public int ProductId { get; set; }

    public Product? Product { get; set; }

    public int Quantity { get; set; }

    public DateTime AddedAt { get; set; }

    /// <summary>A quantity a cart line may have: 1 to <see cref="MaxQuantity"/>.</summary>
    public static InvalidQuantityError? CheckQuantity(int quantity) =>
        quantity is >= 1 and <= MaxQuantity ? null : new InvalidQuantityError(quantity, MaxQuantity);
}
