using Graph.AspNetCore.Mutations;

namespace Graph.Api.Orders;

public sealed record InvalidStatusTransitionError(OrderStatus From, OrderStatus To) : IPayloadError
{
    public string Message => $"An order cannot move from {From.ToString().ToUpperInvariant()} to {To.ToString().ToUpperInvariant()}.";
}

public sealed record OrderNotFoundError(string OrderId) : IPayloadError
{
    public string Message => "No order has this id.";
}
