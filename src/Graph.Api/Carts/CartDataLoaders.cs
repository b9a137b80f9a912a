using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Carts;

public sealed class CartItemsByUserIdDataLoader(IDbContextFactory<ShopDbContext> factory) : ShopGroupedDataLoader<int, CartItem>(factory)
{
    protected override async Task<ILookup<int, CartItem>> LoadAsync(ShopDbContext db, IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        (await db.CartItems.AsNoTracking().Where(c => keys.Contains(c.UserId))
            .OrderBy(c => c.AddedAt).ThenBy(c => c.ProductId)
            .ToListAsync(cancellationToken))
            .ToLookup(c => c.UserId);

    /// <summary>Forgets what this request loaded of a cart, after a mutation changed it.</summary>
    public static void Forget(IResolveFieldContext context, int userId) =>
        context.GetDataLoader<CartItemsByUserIdDataLoader>().Remove(userId);
}
