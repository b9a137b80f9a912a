using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

internal static class DbContextFactoryExtensions
{
    /// <summary>
    /// A context with its connection opened now and held until the context is disposed: for work
    /// that runs several statements (a page and its count), which would otherwise take a
    /// connection from the pool and give it back for each one.
    /// </summary>
    public static async Task<ShopDbContext> OpenDbContextAsync(this IDbContextFactory<ShopDbContext> factory, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db;
    }
}
