using System.Text;

namespace Graph.Api.Accounts;

/// <summary>A shop account: a customer, a staff member or an administrator.</summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>Stored normalised (<see cref="NormalizeEmail"/>); unique.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public Role Role { get; set; } = Role.Customer;

    /// <summary>An ASP.NET Core Identity <c>PasswordHasher</c> hash; never exposed.</summary>
    public required string PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The form an email is stored, compared and rate-limited in: trimmed, Unicode NFKC (so full-width
    /// "Ａlice" and compatibility characters are the letters they stand for), then lower case. Text that
    /// is not valid UTF-16 (a lone surrogate) cannot be normalised; it stays as it is and matches no account.
    /// </summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        try
        {
            trimmed = trimmed.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16: IsValidEmail refuses it at sign-up, and no stored email equals it.
        }

        return trimmed.ToLowerInvariant();
    }
}
