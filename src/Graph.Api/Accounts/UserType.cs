using Graph.Api.Orders;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.Relay;
using GraphQL.Types;

namespace Graph.Api.Accounts;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "A shop account.";
        this.NodeId(u => u.Id);
        Field(u => u.Email, nullable: true)
            .Description("The sign-in email; readable by the user themself, STAFF and ADMIN.")
            .RequirePolicy(ShopPolicies.SelfOrStaff);
        Field(u => u.DisplayName).Description("The name shown to others.");
        Field<BooleanGraphType, bool>("mfaEnabled")
            .Description("Whether the account signs in with a second factor; readable by the user themself, STAFF and ADMIN.")
            .Resolve(context => context.Source.MfaEnabled)
            .RequirePolicy(ShopPolicies.SelfOrStaff);
        Field<NonNullGraphType<RoleType>, Role>("role").Resolve(context => context.Source.Role).Description("What the account may do.");
        Field(u => u.CreatedAt).Description("When the account was created.");
        Field<Carts.CartType, Carts.Cart>("cart")
            .Description("What the user is about to buy; readable by the user alone.")
            .RequirePolicy(ShopPolicies.Self)
            .Resolve(context => new Carts.Cart(context.Source.Id));

        this.Connection<OrderType, User, Order>("orders")
            .Description("The user's orders, newest first; readable by the user, STAFF and ADMIN.")
            .Key(o => o.Id)
            .DefaultOrder(o => o.PlacedAt, SortDirection.Descending)
            .Filter<OrderFilterInputType>()
            .Sort<OrderSortInputType>()
            .ResolveBatched(u => u.Id, o => o.CustomerId, ShopQueryScope.Read)
            .RequirePolicy(ShopPolicies.SelfOrStaff);
    }
}
