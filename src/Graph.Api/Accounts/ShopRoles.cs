namespace Graph.Api.Accounts;

/// <summary>The role names as tokens and <c>@authorize(roles:)</c> spell them (src/Graph.Api/README.md).</summary>
public static class ShopRoles
{
    public const string Customer = "CUSTOMER";
    public const string Staff = "STAFF";
    public const string Admin = "ADMIN";
}
