namespace Graph.Api.Accounts;

/// <summary>A shop account: a customer, a staff member or an administrator.</summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>Stored normalised (trimmed, lower-case); unique.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public Role Role { get; set; } = Role.Customer;

    /// <summary>An ASP.NET Core Identity <c>PasswordHasher</c> hash; never exposed.</summary>
    public required string PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
