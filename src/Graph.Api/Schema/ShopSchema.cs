using GraphQL.Types;

namespace Graph.Api;

/// <summary>The shop's GraphQL schema.</summary>
public sealed class ShopSchema : Schema
{
    public ShopSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "The shop: catalog, accounts, carts, orders and reviews.";
    }
}
