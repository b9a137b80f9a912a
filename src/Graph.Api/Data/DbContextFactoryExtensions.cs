using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

internal static class DbContextFactoryExtensions
{
    /// <summary>
    /// A context with its connection opened now and held until the context is disposed, so work
    /// that runs several statements (a page and its count) takes one connection from the pool
    /// instead of one per statement. The one way resolvers, loaders and batched scopes open a
    /// context, whether they run one statement or several.
    /// </summary>
    public static async Task<ShopDbContext> OpenDbContextAsync(this IDbContextFactory<ShopDbContext> factory, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db;
    }
}
