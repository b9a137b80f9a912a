namespace Graph.Api.Accounts;

/// <summary>What an account may do (API.md: CUSTOMER, STAFF, ADMIN).</summary>
public enum Role
{
    Customer,
    Staff,
    Admin,
}
