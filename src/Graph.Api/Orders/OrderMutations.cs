using Graph.Api.Accounts;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.Types;

namespace Graph.Api.Orders;

/// <summary><c>checkout</c>, <c>cancelOrder</c> and <c>updateOrderStatus</c>.</summary>
public sealed class OrderMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.MutationField<CheckoutInputType, CheckoutPayloadType, OrderPayload>("checkout")
            .Description("Buys the cart: reserves the stock, charges the payment and places the order, all or nothing. Idempotent on the key.")
            .RequireSignedIn()
            .ResolveAsync(async context =>
            {
                var input = context.GetInput<CheckoutInput>();
                var payload = await context.RequestServices!.GetRequiredService<CheckoutService>()
                    .CheckoutAsync(context.User.GetUserId()!.Value, input.IdempotencyKey, input.PaymentToken, context.CancellationToken);
                Carts.CartItemsByUserIdDataLoader.Forget(context, context.User.GetUserId()!.Value);
                return payload;
            });

        mutation.MutationField<CancelOrderInputType, CancelOrderPayloadType, OrderPayload>("cancelOrder")
            .Description("Cancels an order, returns its stock and refunds it: its customer while PLACED, STAFF and ADMIN also while PREPARING.")
            .RequireSignedIn()
            .ResolveAsync(async context =>
            {
                var input = context.GetInput<CancelOrderInput>();
                return await MoveAsync(context, input.OrderId, OrderStatus.Cancelled);
            });

        mutation.MutationField<UpdateOrderStatusInputType, UpdateOrderStatusPayloadType, OrderPayload>("updateOrderStatus")
            .Description("Moves an order to its next status (STAFF, ADMIN).")
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa()
            .ResolveAsync(async context =>
            {
                var input = context.GetInput<UpdateOrderStatusInput>();
                return await MoveAsync(context, input.OrderId, input.Status);
            });
    }

    private static async Task<OrderPayload> MoveAsync(IResolveFieldContext context, string orderId, OrderStatus to)
    {
        if (!GlobalId.TryDecode(orderId, "Order", out var id))
        {
            return OrderPayload.Failed(new OrderNotFoundError(orderId));
        }

        var payload = await context.RequestServices!.GetRequiredService<OrderLifecycle>()
            .MoveAsync(id, orderId, to, context.User!, context.CancellationToken);
        OrderByIdDataLoader.Forget(context, id);
        return payload;
    }
}
