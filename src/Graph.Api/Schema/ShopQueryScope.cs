using Graph.Api.Data;
using Graph.AspNetCore.Data;

namespace Graph.Api.Schema;

/// <summary>Batched list queries of the shop: each batch reads through the request's <see cref="ShopReadSession"/>.</summary>
public static class ShopQueryScope
{
    /// <summary>The request's read session's context, for a batched connection's compiled queries.</summary>
    public static DbContextScope Read { get; } = (services, work, cancellationToken) =>
        services.GetRequiredService<ShopReadSession>().ReadAsync((db, _) => work(db), cancellationToken);
}
