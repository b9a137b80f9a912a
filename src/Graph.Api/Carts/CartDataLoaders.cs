using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Carts;

public sealed class CartItemsByUserIdDataLoader(ShopReadSession session) : GroupedDataLoader<int, CartItem>
{
    protected override async Task<ILookup<int, CartItem>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => (await db.CartItems.AsNoTracking().Where(c => keys.Contains(c.UserId))
                .OrderBy(c => c.AddedAt).ThenBy(c => c.ProductId)
                .ToListAsync(token))
            .ToLookup(c => c.UserId), cancellationToken);
    }

    /// <summary>Forgets what this request loaded of a cart, after a mutation changed it.</summary>
    public static void Forget(IResolveFieldContext context, int userId) =>
        context.GetDataLoader<CartItemsByUserIdDataLoader>().Remove(userId);
}
