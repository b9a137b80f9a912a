using Graph.AspNetCore.Authorization;
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
        Field<NonNullGraphType<RoleType>, Role>("role").Resolve(context => context.Source.Role).Description("What the account may do.");
        Field(u => u.CreatedAt).Description("When the account was created.");
    }
}
