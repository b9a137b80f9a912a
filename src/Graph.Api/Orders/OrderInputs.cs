using GraphQL.Types;

namespace Graph.Api.Orders;

public sealed record CheckoutInput(string IdempotencyKey, string PaymentToken);

public sealed record CancelOrderInput(string OrderId);

public sealed record UpdateOrderStatusInput(string OrderId, OrderStatus Status);

public sealed class CheckoutInputType : InputObjectGraphType<CheckoutInput>
{
    public CheckoutInputType()
    {
        Name = "CheckoutInput";
        Field(i => i.IdempotencyKey).Description("Chosen by the client per purchase: the same key again returns the same order.");
        Field(i => i.PaymentToken).Description("The card token from the payment provider's client library.");
    }
}

public sealed class CancelOrderInputType : InputObjectGraphType<CancelOrderInput>
{
    public CancelOrderInputType()
    {
        Name = "CancelOrderInput";
        Field(i => i.OrderId, type: typeof(NonNullGraphType<IdGraphType>));
    }
}

public sealed class UpdateOrderStatusInputType : InputObjectGraphType<UpdateOrderStatusInput>
{
    public UpdateOrderStatusInputType()
    {
        Name = "UpdateOrderStatusInput";
        Field(i => i.OrderId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Status, type: typeof(NonNullGraphType<OrderStatusType>)).Description("The status to move the order to.");
    }
}
