using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Orders;

public sealed class OrderByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Order>
{
    protected override async Task<IReadOnlyDictionary<int, Order>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await db.Orders.AsNoTracking().Where(o => keys.Contains(o.Id)).ToDictionaryAsync(o => o.Id, token), cancellationToken);
    }

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
    protected override async Task<ILookup<int, OrderLine>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => (await db.OrderLines.AsNoTracking().Where(l => keys.Contains(l.OrderId)).OrderBy(l => l.Id).ToListAsync(token))
            .ToLookup(l => l.OrderId), cancellationToken);
    }
}

public sealed class OrderStatusChangesByOrderIdDataLoader(ShopReadSession session) : GroupedDataLoader<int, OrderStatusChange>
{
    protected override async Task<ILookup<int, OrderStatusChange>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => (await db.OrderStatusChanges.AsNoTracking().Where(c => keys.Contains(c.OrderId)).OrderBy(c => c.Id).ToListAsync(token))
            .ToLookup(c => c.OrderId), cancellationToken);
    }
}

public sealed class PaymentByOrderIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Payment>
{
    protected override async Task<IReadOnlyDictionary<int, Payment>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await db.Payments.AsNoTracking().Where(p => keys.Contains(p.OrderId)).ToDictionaryAsync(p => p.OrderId, token), cancellationToken);
    }
}
