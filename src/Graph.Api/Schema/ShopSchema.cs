using GraphQL.Types;

namespace Graph.Api;

/// <summary>The shop's GraphQL schema.</summary>
public sealed class ShopSchema : Schema
{
    public ShopSchema(IServiceProvider services, QueryType query)
        : base(services)
    {
        Query = query;
        Description = "The shop: catalog, accounts, carts, orders and reviews.";
    }
}
