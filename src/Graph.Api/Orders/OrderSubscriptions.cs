using Graph.Api.Accounts;
using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Subscriptions;
using GraphQL.Types;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Orders;

/// <summary>
/// <c>orderPlaced</c> (STAFF, ADMIN) and <c>orderStatusChanged</c> (the order's customer, STAFF,
/// ADMIN), both authorized when the subscription starts and again on every event.
/// </summary>
public sealed class OrderSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<OrderType>>("orderPlaced")
            .Description("Every order checkout places, as it is placed.")
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa()
            .ResolveStream(context => context.RequestServices!.GetRequiredService<ITopicEventBus>().Subscribe<OutboxEvent>(nameof(OrderPlaced)))
            .ResolveAsync(context => OrderOfAsync(context, ((OrderPlaced)((OutboxEvent)context.Source!).Event).OrderId));

        subscription.Field<NonNullGraphType<OrderType>>("orderStatusChanged")
            .Description("The order each time its status changes.")
            .Argument<NonNullGraphType<IdGraphType>>("orderId", "The order's id.")
            .ResolveStreamAsync(async context =>
            {
                var orderId = SubscriptionIds.Key(context, "orderId", "Order");
                await using var db = await context.OpenDbContextAsync();
                var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, context.CancellationToken)
                    ?? throw new ExecutionError("No order has this id.") { Code = ErrorCodes.InvalidId };

                // The Order type's @authorize (its customer, STAFF, ADMIN), checked against this order now.
                await context.AuthorizeResultAsync(order);
                return context.RequestServices!.GetRequiredService<ITopicEventBus>().Subscribe<OutboxEvent>(OrderStatusChanged.TopicFor(orderId));
            })
            .ResolveAsync(context => OrderOfAsync(context, ((OrderStatusChanged)((OutboxEvent)context.Source!).Event).OrderId));
    }

    private static async Task<object?> OrderOfAsync(IResolveFieldContext context, int orderId)
    {
        var outboxEvent = (OutboxEvent)context.Source!;
        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>();
        return await outboxEvent.SnapshotAsync("Order:" + orderId, async () =>
        {
            await using var db = await factory.OpenDbContextAsync(CancellationToken.None);
            return await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId);
        });
    }
}
