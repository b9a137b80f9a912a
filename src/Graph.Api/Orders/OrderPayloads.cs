using Graph.AspNetCore.Mutations;

namespace Graph.Api.Orders;

/// <summary>
/// The result of <c>checkout</c>, <c>cancelOrder</c> and <c>updateOrderStatus</c>: the order's id,
/// read through the loaders like any other order, so a replay answers exactly as the first request did.
/// </summary>
public sealed record OrderPayload(int? OrderId, IReadOnlyList<IPayloadError>? Errors) : IPayload
{
    public static OrderPayload For(int orderId) => new(orderId, null);

    public static OrderPayload Failed(IPayloadError error) => new(null, [error]);

    public static OrderPayload Failed(IReadOnlyList<IPayloadError> errors) => new(null, errors);
}
