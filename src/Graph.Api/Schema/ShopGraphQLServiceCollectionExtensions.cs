using Graph.Api.Accounts;
using Graph.Api.Carts;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Orders;
using Graph.Api.Reviews;
using Graph.AspNetCore;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.Types;

namespace Graph.Api.Schema;

public static class ShopGraphQLServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shop's schema on the serving layer: every feature (each registers its own
    /// fields, loaders and node resolvers), then the schema. The host and every test call this one
    /// method, so the schema that is tested is the schema that is served.
    /// </summary>
    public static IServiceCollection AddShopGraphQL(this IServiceCollection services)
    {
        // The root types list each feature's fields in the order the features are added here, and
        // schema/schema.graphql (and what clients generate from it) follows that order.
        services.AddCatalog();
        services.AddAccounts();
        services.AddReviews();
        services.AddCarts();
        services.AddOrders();
        services.AddCatalogAdministration();

        // Decimal inputs (filters, prices) are limited to what the money columns hold.
        services.AddSingleton<DecimalGraphType, MoneyGraphType>();

        services.AddTrustedDocuments(ShopTrustedDocuments.Load());

        // The shop turns the response cache on: every catalog change writes an outbox event that
        // names what it makes stale (Outbox/OutboxCacheInvalidator). Set before the configuration
        // is bound, so GraphQL:ResponseCache:Enabled=false still turns it off.
        services.Configure<GraphQLServerOptions>(options => options.ResponseCache.Enabled = true);
        services.AddGraphQLServer<ShopSchema>(graphql => graphql
            .AddGraphTypes(typeof(ShopSchema).Assembly)
            .AddGraphTypes(typeof(NodeInterfaceType).Assembly)
            .AddDocumentListener(new QueryReadSnapshot()));
        return services;
    }
}
