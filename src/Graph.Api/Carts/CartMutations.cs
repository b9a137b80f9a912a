using Graph.Api.Accounts;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Carts;

/// <summary><c>addToCart</c>, <c>updateCartItem</c> and <c>removeFromCart</c>: the signed-in user's own cart.</summary>
public sealed class CartMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.MutationField<AddToCartInputType, AddToCartPayloadType, CartPayload>("addToCart")
            .Description($"Adds units of a product to the cart (at most {CartItem.MaxQuantity} of one product).")
            .RequireSignedIn()
            .ResolveAsync(async context =>
            {
                var input = context.GetInput<AddToCartInput>();
                return await SetQuantityAsync(context, input.ProductId, input.Quantity, add: true);
            });

        mutation.MutationField<UpdateCartItemInputType, UpdateCartItemPayloadType, CartPayload>("updateCartItem")
            .Description("Sets the quantity of a product already in the cart.")
            .RequireSignedIn()
            .ResolveAsync(async context =>
            {
                var input = context.GetInput<UpdateCartItemInput>();
                return await SetQuantityAsync(context, input.ProductId, input.Quantity, add: false);
            });

        mutation.MutationField<RemoveFromCartInputType, RemoveFromCartPayloadType, CartPayload>("removeFromCart")
            .Description("Takes a product out of the cart; a product that is not in it leaves the cart as it is.")
            .RequireSignedIn()
            .ResolveAsync(async context =>
            {
                var input = context.GetInput<RemoveFromCartInput>();
                if (!GlobalId.TryDecode(input.ProductId, "Product", out var productId))
                {
                    return CartPayload.Failed(new ProductNotFoundError(input.ProductId));
                }

                var userId = context.User.GetUserId()!.Value;
                await using var db = await context.OpenDbContextAsync();
                await db.CartItems.Where(c => c.UserId == userId && c.ProductId == productId).ExecuteDeleteAsync(context.CancellationToken);
                return Changed(context, userId);
            });
    }

    private static async Task<CartPayload> SetQuantityAsync(IResolveFieldContext context, string productGlobalId, int quantity, bool add)
    {
        if (!GlobalId.TryDecode(productGlobalId, "Product", out var productId))
        {
            return CartPayload.Failed(new ProductNotFoundError(productGlobalId));
        }

        if (CartItem.CheckQuantity(quantity) is { } invalid)
        {
            return CartPayload.Failed(invalid);
        }

        var userId = context.User.GetUserId()!.Value;
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        // Read and write in one transaction; should a concurrent request insert the same line first
        // (PostgreSQL), the save fails once and the second try finds that line.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await context.OpenDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
            if (!await db.Products.AnyAsync(p => p.Id == productId, context.CancellationToken))
            {
                return CartPayload.Failed(new ProductNotFoundError(productGlobalId));
            }

            var item = await db.CartItems.SingleOrDefaultAsync(c => c.UserId == userId && c.ProductId == productId, context.CancellationToken);
            if (item is null && !add)
            {
                return CartPayload.Failed(new CartItemNotFoundError(productGlobalId));
            }

            var total = add ? (item?.Quantity ?? 0) + quantity : quantity;
            if (CartItem.CheckQuantity(total) is { } tooMany)
            {
                return CartPayload.Failed(tooMany);
            }

            if (item is null)
            {
                db.CartItems.Add(new CartItem { UserId = userId, ProductId = productId, Quantity = total, AddedAt = now });
            }
            else
            {
                item.Quantity = total;
            }

            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
                await transaction.CommitAsync(context.CancellationToken);
                return Changed(context, userId);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
            }
        }
    }

    private static CartPayload Changed(IResolveFieldContext context, int userId)
    {
        CartItemsByUserIdDataLoader.Forget(context, userId);
        return new CartPayload(new Cart(userId), null);
    }
}
