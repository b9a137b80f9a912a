using Graph.Api.Schema;
using Graph.AspNetCore.DataLoader;

namespace Graph.Api.Orders;

public static class OrderServiceCollectionExtensions
{
    /// <summary>
    /// Orders: the staff's <c>orders</c> list, checkout and the lifecycle mutations with their
    /// services (<see cref="CheckoutServiceCollectionExtensions.AddShopCheckout"/>), the order
    /// subscriptions, the loaders of an order's parts and its node resolver.
    /// </summary>
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, OrderQueries>();
        services.AddSingleton<IMutationFields, OrderMutations>();
        services.AddSingleton<ISubscriptionFields, OrderSubscriptions>();
        services.AddShopCheckout();
        services.AddNodeLoader<OrderByIdDataLoader, Order>("Order");
        services.AddDataLoader<OrderLinesByOrderIdDataLoader>();
        services.AddDataLoader<OrderStatusChangesByOrderIdDataLoader>();
        services.AddDataLoader<PaymentByOrderIdDataLoader>();
        return services;
    }
}
