using Graph.Api.Data;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Schema;

internal static class ResolveFieldContextExtensions
{
    /// <summary>
    /// A context of its own for one resolver, its connection open (<see cref="DbContextFactoryExtensions.OpenDbContextAsync"/>):
    /// the one way resolvers, loaders and batched scopes open one. Resolvers of a query run in
    /// parallel and must never share a context (src/Graph.AspNetCore/README.md: a request's path).
    /// </summary>
    public static Task<ShopDbContext> OpenDbContextAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>()
            .OpenDbContextAsync(context.CancellationToken);
}
