using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Schema;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Subscriptions;
using GraphQL.Types;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary><c>productStockChanged</c>: open to everyone (the exact <c>stock</c> stays STAFF/ADMIN only).</summary>
public sealed class ProductSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<ProductType>>("productStockChanged")
            .Description("The product each time its stock changes: sold, restocked, or returned by a cancellation.")
            .Argument<NonNullGraphType<IdGraphType>>("productId", "The product's id.")
            .ResolveStreamAsync(async context =>
            {
                var productId = SubscriptionIds.Key(context, "productId", "Product");
                await using var db = await context.OpenDbContextAsync();
                if (!await db.Products.AnyAsync(p => p.Id == productId, context.CancellationToken))
                {
                    throw new ExecutionError("No product has this id.") { Code = ErrorCodes.InvalidId };
                }

                return context.RequestServices!.GetRequiredService<ITopicEventBus>().Subscribe<OutboxEvent>(ProductStockChanged.TopicFor(productId));
            })
            .ResolveAsync(async context =>
            {
                var outboxEvent = (OutboxEvent)context.Source!;
                var productId = ((ProductStockChanged)outboxEvent.Event).ProductId;
                var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>();
                return await outboxEvent.SnapshotAsync("Product:" + productId, async () =>
                {
                    await using var db = await factory.OpenDbContextAsync(CancellationToken.None);
                    return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId);
                });
            });
    }
}
