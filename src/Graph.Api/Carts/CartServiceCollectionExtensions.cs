using Graph.Api.Schema;
using Graph.AspNetCore.DataLoader;

namespace Graph.Api.Carts;

public static class CartServiceCollectionExtensions
{
    /// <summary>The cart: its mutations and the loader of a user's cart items.</summary>
    public static IServiceCollection AddCarts(this IServiceCollection services)
    {
        services.AddSingleton<IMutationFields, CartMutations>();
        services.AddDataLoader<CartItemsByUserIdDataLoader>();
        return services;
    }
}
