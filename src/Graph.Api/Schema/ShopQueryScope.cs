using Graph.Api.Data;
using Graph.AspNetCore.Data;

namespace Graph.Api.Schema;

/// <summary>Batched list queries of the shop: each batch reads through the request's <see cref="ShopReadSession"/>.</summary>
public static class ShopQueryScope
{
    public static QueryScope<TEntity> Of<TEntity>(Func<ShopDbContext, IQueryable<TEntity>> items) =>
        (services, work, cancellationToken) =>
            services.GetRequiredService<ShopReadSession>().ReadAsync((db, _) => work(items(db)), cancellationToken);
}
