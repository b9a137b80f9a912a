using Graph.Api.Catalog;
using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Graph.Api.Orders;

public sealed class OrderLineType : ObjectGraphType<OrderLine>
{
    public OrderLineType()
    {
        Name = "OrderLine";
        Description = "One product of an order, at the price it was sold for.";
        Field<NonNullGraphType<ProductType>, IDataLoaderResult<Product?>>("product")
            .Description("The product bought.")
            .Resolve(context => context.GetDataLoader<ProductByIdDataLoader>().LoadAsync(context.Source.ProductId));
        Field(l => l.Quantity).Description("How many units.");
        Field(l => l.UnitPrice).Description("The price of one unit when the order was placed.");
        Field(l => l.LineTotal).Description("Unit price × quantity.");
    }
}

public sealed class OrderStatusChangeType : ObjectGraphType<OrderStatusChange>
{
    public OrderStatusChangeType()
    {
        Name = "OrderStatusChange";
        Description = "One move of an order's status.";
        Field<OrderStatusType, OrderStatus?>("from").Description("The status before; null when the order was placed.").Resolve(context => context.Source.From);
        Field<NonNullGraphType<OrderStatusType>, OrderStatus>("to").Description("The status after.").Resolve(context => context.Source.To);
        Field(c => c.At).Description("When the status changed.");
    }
}

public sealed class PaymentType : ObjectGraphType<Payment>
{
    public PaymentType()
    {
        Name = "Payment";
        Description = "The charge of an order at the payment provider.";
        Field(p => p.Amount).Description("The amount charged.");
        Field<NonNullGraphType<PaymentStatusType>, PaymentStatus>("status").Description("CAPTURED or REFUNDED.").Resolve(context => context.Source.Status);
    }
}
