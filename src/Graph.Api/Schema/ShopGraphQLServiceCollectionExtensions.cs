using Graph.Api.Accounts;
using Graph.Api.Catalog;
using Graph.AspNetCore;
using Graph.AspNetCore.Relay;
using GraphQL;

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
        services.AddSingleton<IMutationFields, AccountMutations>();
        services.AddSingleton<INodeResolver, UserNodeResolver>();
        services.AddSingleton<INodeResolver, ProductNodeResolver>();
        services.AddSingleton<INodeResolver, CategoryNodeResolver>();
        services.AddGraphQLServer<ShopSchema>(graphql => graphql
            .AddGraphTypes(typeof(ShopSchema).Assembly)
            .AddGraphTypes(typeof(NodeInterfaceType).Assembly));
        return services;
    }
}
