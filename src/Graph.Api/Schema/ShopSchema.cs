
namespace Graph.Api.Schema;

/// <summary>The shop's GraphQL schema.</summary>
public sealed class ShopSchema : GraphQL.Types.Schema
{
    public ShopSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "The shop: catalog, accounts, carts, orders and reviews.";
    }
}
