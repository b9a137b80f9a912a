using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

internal static class ResolveFieldContextExtensions
{
    /// <summary>
    /// A context of its own for one resolver: resolvers of a query run in parallel and must never
    /// share one (ARCHITECTURE.md: data).
    /// </summary>
    public static Task<ShopDbContext> CreateDbContextAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>()
            .CreateDbContextAsync(context.CancellationToken);

    /// <summary>
    /// As <see cref="CreateDbContextAsync"/>, with the connection opened now and held until the
    /// context is disposed: for a resolver that runs several statements (a page and its count),
    /// which would otherwise take a connection from the pool and give it back for each one.
    /// </summary>
    public static async Task<ShopDbContext> OpenDbContextAsync(this IResolveFieldContext context)
    {
        var db = await context.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync(context.CancellationToken);
        return db;
    }
}
