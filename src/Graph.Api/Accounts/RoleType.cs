using GraphQL.Types;

namespace Graph.Api.Accounts;

public sealed class RoleType : EnumerationGraphType<Role>
{
    public RoleType()
    {
        Name = "Role";
        Description = "What an account may do.";
    }
}
