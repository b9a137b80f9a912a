using Graph.Api.Accounts;
using Graph.Api.Carts;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Orders;
using Graph.Api.Reviews;
using Graph.Api.Subscriptions;
using Graph.AspNetCore;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.Types;

namespace Graph.Api;

public static class ShopGraphQLServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shop's schema on the serving layer. The host and every test call this one
    /// method, so the schema that is tested is the schema that is served.
    /// </summary>
    public static IServiceCollection AddShopGraphQL(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, CatalogQueries>();
        services.AddSingleton<IQueryFields, AccountQueries>();
        services.AddSingleton<IQueryFields, OrderQueries>();
        services.AddSingleton<IMutationFields, AccountMutations>();
        services.AddSingleton<IMutationFields, ReviewMutations>();
        services.AddSingleton<IMutationFields, CartMutations>();
        services.AddSingleton<IMutationFields, OrderMutations>();
        services.AddSingleton<IMutationFields, ProductMutations>();
        services.AddShopCheckout();

        // Decimal inputs (filters, prices) are limited to what the money columns hold.
        services.AddSingleton<DecimalGraphType, MoneyGraphType>();

        services.AddShopSubscriptions();
        services.AddShopDataLoaders();
        services.AddTrustedDocuments(ShopTrustedDocuments.Load());
        services.AddGraphQLServer<ShopSchema>(graphql => graphql
            .AddGraphTypes(typeof(ShopSchema).Assembly)
            .AddGraphTypes(typeof(NodeInterfaceType).Assembly));
        return services;
    }

    /// <summary>The loaders every relationship resolves through, and the node resolvers built on them.</summary>
    private static void AddShopDataLoaders(this IServiceCollection services)
    {
        services.AddDataLoader<ProductByIdDataLoader>();
        services.AddDataLoader<CategoryByIdDataLoader>();
        services.AddDataLoader<UserByIdDataLoader>();
        services.AddDataLoader<ReviewByIdDataLoader>();
        services.AddDataLoader<CartItemsByUserIdDataLoader>();
        services.AddDataLoader<OrderByIdDataLoader>();
        services.AddDataLoader<OrderLinesByOrderIdDataLoader>();
        services.AddDataLoader<OrderStatusChangesByOrderIdDataLoader>();
        services.AddDataLoader<PaymentByOrderIdDataLoader>();

        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<ProductByIdDataLoader, Product>("Product"));
        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<CategoryByIdDataLoader, Category>("Category"));
        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<UserByIdDataLoader, User>("User"));
        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<OrderByIdDataLoader, Order>("Order"));
        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<ReviewByIdDataLoader, Review>("Review"));
    }
}
