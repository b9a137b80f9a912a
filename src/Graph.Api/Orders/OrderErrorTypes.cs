using Graph.AspNetCore.Mutations;
using Graph.AspNetCore.Relay;
using GraphQL.Types;

namespace Graph.Api.Orders;

public sealed class InvalidStatusTransitionErrorType : ErrorObjectType<InvalidStatusTransitionError>
{
    public InvalidStatusTransitionErrorType()
    {
        Field<NonNullGraphType<OrderStatusType>, OrderStatus>("from").Resolve(context => context.Source.From).Description("The order's status.");
        Field<NonNullGraphType<OrderStatusType>, OrderStatus>("to").Resolve(context => context.Source.To).Description("The status asked for.");
    }
}

public sealed class OrderNotFoundErrorType : ErrorObjectType<OrderNotFoundError>
{
    public OrderNotFoundErrorType() => Field(e => e.OrderId, type: typeof(NonNullGraphType<IdGraphType>));
}

public sealed class EmptyCartErrorType : ErrorObjectType<EmptyCartError>;

public sealed class OutOfStockErrorType : ErrorObjectType<OutOfStockError>
{
    public OutOfStockErrorType()
    {
        Field<NonNullGraphType<IdGraphType>, string>("productId")
            .Description("The product short of stock.")
            .Resolve(context => GlobalId.Encode("Product", context.Source.ProductId));
        Field(e => e.Requested).Description("The quantity in the cart.");
        Field(e => e.Available).Description("The units left.");
    }
}

public sealed class PaymentDeclinedErrorType : ErrorObjectType<PaymentDeclinedError>
{
    public PaymentDeclinedErrorType() => Field(e => e.Reason).Description("The gateway's decline code.");
}

public sealed class IdempotencyKeyReusedErrorType : ErrorObjectType<IdempotencyKeyReusedError>
{
    public IdempotencyKeyReusedErrorType() => Field(e => e.IdempotencyKey);
}

public sealed class InvalidIdempotencyKeyErrorType : ErrorObjectType<InvalidIdempotencyKeyError>
{
    public InvalidIdempotencyKeyErrorType() => Field(e => e.IdempotencyKey);
}

public sealed class CheckoutInProgressErrorType : ErrorObjectType<CheckoutInProgressError>
{
    public CheckoutInProgressErrorType() => Field(e => e.IdempotencyKey);
}
