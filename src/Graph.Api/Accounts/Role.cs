namespace Graph.Api.Accounts;

/// <summary>What an account may do (src/Graph.Api/README.md: CUSTOMER, STAFF, ADMIN).</summary>
public enum Role
{
    Customer,
    Staff,
    Admin,
}
