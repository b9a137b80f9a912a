using GraphQL.Types;

namespace Graph.Api.Orders;

public sealed class OrderStatusType : EnumerationGraphType<OrderStatus>
{
    public OrderStatusType()
    {
        Name = "OrderStatus";
        Description = "Where an order is: PLACED → PREPARING → SHIPPED → DELIVERED, or CANCELLED from PLACED or PREPARING.";
    }
}

public sealed class PaymentStatusType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusType()
    {
        Name = "PaymentStatus";
        Description = "CAPTURED by checkout, REFUNDED when the order is cancelled.";
    }
}
