using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL;

namespace Graph.Api.Orders;

// A customer's orders pages read these on every request: compiled queries (KeyedLookup), as the
// catalog's loaders.

public sealed class OrderByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Order>
{
    private static readonly KeyedLookup<Order, int> Lookup = new(o => o.Id);

    protected override Task<IReadOnlyDictionary<int, Order>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);

    /// <summary>Forgets what this request loaded of an order, after a mutation changed it.</summary>
    public static void Forget(IResolveFieldContext context, int orderId)
    {
        context.GetDataLoader<OrderByIdDataLoader>().Remove(orderId);
        context.GetDataLoader<OrderStatusChangesByOrderIdDataLoader>().Remove(orderId);
        context.GetDataLoader<PaymentByOrderIdDataLoader>().Remove(orderId);
    }
}

public sealed class OrderLinesByOrderIdDataLoader(ShopReadSession session) : GroupedDataLoader<int, OrderLine>
{
    private static readonly KeyedLookup<OrderLine, int> Lookup = new(l => l.OrderId, order: lines => lines.OrderBy(l => l.Id));

    protected override Task<ILookup<int, OrderLine>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadGroupsAsync(db, keys, token), cancellationToken);
}

public sealed class OrderStatusChangesByOrderIdDataLoader(ShopReadSession session) : GroupedDataLoader<int, OrderStatusChange>
{
    private static readonly KeyedLookup<OrderStatusChange, int> Lookup = new(c => c.OrderId, order: changes => changes.OrderBy(c => c.Id));

    protected override Task<ILookup<int, OrderStatusChange>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadGroupsAsync(db, keys, token), cancellationToken);
}

public sealed class PaymentByOrderIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Payment>
{
    private static readonly KeyedLookup<Payment, int> Lookup = new(p => p.OrderId);

    protected override Task<IReadOnlyDictionary<int, Payment>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
}
