using Graph.Api.Accounts;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Relay;
using GraphQL.DataLoader;
using GraphQL.Types;
using Graph.AspNetCore.Limits.Cost;

namespace Graph.Api.Orders;

public sealed class OrderType : ObjectGraphType<Order>
{
    public OrderType()
    {
        Name = "Order";
        Description = "A customer's order; readable by its customer, STAFF and ADMIN.";
        this.RequirePolicy(ShopPolicies.OrderReader);
        this.NodeId(o => o.Id);
        Field(o => o.Number).Description("The order number shown to people.");
        Field<NonNullGraphType<OrderStatusType>, OrderStatus>("status").Description("Where the order is.").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<UserType>, IDataLoaderResult<User?>>("customer")
            .Description("Who placed the order.")
            .Resolve(context => context.GetDataLoader<UserByIdDataLoader>().LoadAsync(context.Source.CustomerId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderLineType>>>, IDataLoaderResult<IReadOnlyList<OrderLine>>>("lines")
            .Description("What was bought, at the prices paid.")
            .WithListSize(assumedSize: 20)
            .Resolve(context => context.GetDataLoader<OrderLinesByOrderIdDataLoader>().LoadAsync(context.Source.Id));
        Field(o => o.Subtotal).Description("The sum of the lines.");
        Field(o => o.Total).Description("What the customer paid.");
        Field(o => o.PlacedAt).Description("When checkout placed the order.");
        Field(o => o.UpdatedAt).Description("When the status last changed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderStatusChangeType>>>, IDataLoaderResult<IReadOnlyList<OrderStatusChange>>>("statusHistory")
            .Description("Every status the order has had, oldest first.")
            .WithListSize(assumedSize: 10) // placed, paid, shipped, delivered or cancelled, refunded
            .Resolve(context => context.GetDataLoader<OrderStatusChangesByOrderIdDataLoader>().LoadAsync(context.Source.Id));
        Field<PaymentType, IDataLoaderResult<Payment?>>("payment")
            .Description("The charge for the order.")
            .Resolve(context => context.GetDataLoader<PaymentByOrderIdDataLoader>().LoadAsync(context.Source.Id));
    }
}
