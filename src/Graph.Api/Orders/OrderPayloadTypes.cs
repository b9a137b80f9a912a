using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Mutations;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Graph.Api.Orders;

public sealed class CheckoutPayloadType : PayloadType<OrderPayload>
{
    public CheckoutPayloadType()
        : base("CheckoutPayload")
    {
        AddOrderField(this, "The order placed (or placed earlier with the same idempotency key).");
        Errors(
            typeof(EmptyCartErrorType),
            typeof(OutOfStockErrorType),
            typeof(PaymentDeclinedErrorType),
            typeof(IdempotencyKeyReusedErrorType),
            typeof(InvalidIdempotencyKeyErrorType),
            typeof(CheckoutInProgressErrorType));
    }

    internal static void AddOrderField(ObjectGraphType<OrderPayload> payload, string description) =>
        payload.Field<OrderType, IDataLoaderResult<Order?>>("order")
            .Description(description)
            .Resolve(context => context.Source.OrderId is { } id
                ? context.GetDataLoader<OrderByIdDataLoader>().LoadAsync(id)
                : DataLoaderResult.FromValue<Order?>(null));
}

public sealed class CancelOrderPayloadType : PayloadType<OrderPayload>
{
    public CancelOrderPayloadType()
        : base("CancelOrderPayload")
    {
        CheckoutPayloadType.AddOrderField(this, "The cancelled order.");
        Errors(typeof(OrderNotFoundErrorType), typeof(InvalidStatusTransitionErrorType));
    }
}

public sealed class UpdateOrderStatusPayloadType : PayloadType<OrderPayload>
{
    public UpdateOrderStatusPayloadType()
        : base("UpdateOrderStatusPayload")
    {
        CheckoutPayloadType.AddOrderField(this, "The order in its new status.");
        Errors(typeof(OrderNotFoundErrorType), typeof(InvalidStatusTransitionErrorType));
    }
}
