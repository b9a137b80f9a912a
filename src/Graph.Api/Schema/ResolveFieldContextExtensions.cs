using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

internal static class ResolveFieldContextExtensions
{
    /// <summary>
    /// A context of its own for one resolver: resolvers of a query run in parallel and must never
    /// share one (src/Graph.AspNetCore/README.md: data).
    /// </summary>
    public static Task<ShopDbContext> CreateDbContextAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>()
            .CreateDbContextAsync(context.CancellationToken);

    /// <summary>As <see cref="CreateDbContextAsync"/>, with the connection open (<see cref="DbContextFactoryExtensions.OpenDbContextAsync"/>).</summary>
    public static Task<ShopDbContext> OpenDbContextAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>()
            .OpenDbContextAsync(context.CancellationToken);
}
