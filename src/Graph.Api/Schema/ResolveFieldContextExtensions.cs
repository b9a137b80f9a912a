using Graph.Api.Data;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Schema;

internal static class ResolveFieldContextExtensions
{
    /// <summary>
    /// A context of its own for one resolver, its connection open (<see cref="DbContextFactoryExtensions.OpenDbContextAsync"/>):
    /// for writes (a mutation's transaction) and for a subscription's set-up, whose scope outlives
    /// a request. A query's reads go through <see cref="ReadAsync"/> instead.
    /// </summary>
    public static Task<ShopDbContext> OpenDbContextAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<ShopDbContext>>()
            .OpenDbContextAsync(context.CancellationToken);

    /// <summary>
    /// Runs a read of a query's resolver on the request's context (<see cref="ShopReadSession"/>),
    /// taking turns with the request's other reads: resolvers of a query run in parallel.
    /// </summary>
    public static Task<T> ReadAsync<T>(this IResolveFieldContext context, Func<ShopDbContext, CancellationToken, Task<T>> read) =>
        context.RequestServices!.GetRequiredService<ShopReadSession>().ReadAsync(read, context.CancellationToken);
}
