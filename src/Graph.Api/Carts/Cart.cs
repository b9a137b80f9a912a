namespace Graph.Api.Carts;

/// <summary>A user's cart: their <see cref="CartItem"/> rows, read through <see cref="CartItemsByUserIdDataLoader"/>.</summary>
public sealed record Cart(int UserId);
