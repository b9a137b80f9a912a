using Graph.Api.Data;
using Graph.AspNetCore.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Schema;

/// <summary>Batched list queries of the shop: each batch opens its own pooled database context.</summary>
public static class ShopQueryScope
{
    public static QueryScope<TEntity> Of<TEntity>(Func<ShopDbContext, IQueryable<TEntity>> items) =>
        async (services, work, cancellationToken) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ShopDbContext>>().OpenDbContextAsync(cancellationToken);
            await work(items(db));
        };
}
