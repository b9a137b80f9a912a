using Graph.AspNetCore.Mutations;

namespace Graph.Api.Carts;

public sealed record InvalidQuantityError(int Quantity, int Max) : IPayloadError
{
    public string Message => $"A quantity is a whole number from 1 to {Max}; {Quantity} is not.";
}

public sealed record CartItemNotFoundError(string ProductId) : IPayloadError
{
    public string Message => "This product is not in the cart.";
}
