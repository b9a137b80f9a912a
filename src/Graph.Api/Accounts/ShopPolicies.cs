using Graph.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Graph.Api.Accounts;

/// <summary>
/// The resource policies of the contract's ownership rules (src/Graph.Api/README.md). Each is evaluated against the object being
/// read (the <c>@authorize(policy:)</c> resource), never by <c>if</c> statements in resolvers.
/// </summary>
public static class ShopPolicies
{
    /// <summary>The user themself (a <see cref="User"/> resource).</summary>
    public const string Self = "Self";

    /// <summary>The user themself, STAFF or ADMIN with their second factor (a <see cref="User"/> resource).</summary>
    public const string SelfOrStaff = "SelfOrStaff";

    /// <summary>The order's customer, STAFF or ADMIN with their second factor (an <see cref="Orders.Order"/> resource).</summary>
    public const string OrderReader = "OrderReader";

    public static void AddShopPolicies(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // @authorize(mfa: true): the token says a second factor was checked at sign-in.
        options.AddPolicy(GraphQLAuthorizationPolicies.SecondFactor, policy => policy.RequireAuthenticatedUser().RequireClaim(ShopClaims.AuthenticationMethods, ShopClaims.OneTimePassword));
        options.AddPolicy(Self, policy => policy.RequireAssertion(context =>
            context.Resource is User user && context.User.GetUserId() == user.Id));
        options.AddPolicy(SelfOrStaff, policy => policy.RequireAssertion(context =>
            context.Resource is User user && (context.User.GetUserId() == user.Id || context.User.IsStaffOrAdmin())));
        options.AddPolicy(OrderReader, policy => policy.RequireAssertion(context =>
            context.Resource is Orders.Order order && (context.User.GetUserId() == order.CustomerId || context.User.IsStaffOrAdmin())));
    }
}
