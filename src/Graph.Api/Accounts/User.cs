using System.Security.Cryptography;
using System.Text;

namespace Graph.Api.Accounts;

/// <summary>A shop account: a customer, a staff member or an administrator.</summary>
public sealed class User
{
    private string? _securityStamp;

    public int Id { get; set; }

    /// <summary>Stored normalised (<see cref="NormalizeEmail"/>); unique.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public Role Role { get; set; } = Role.Customer;

    /// <summary>An ASP.NET Core Identity <c>PasswordHasher</c> hash; never exposed.</summary>
    public required string PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Carried in every token (<see cref="ShopClaims.SecurityStamp"/>) and checked on each authenticated
    /// request: replacing it (<see cref="NewSecurityStamp"/>) revokes every token issued before. A new
    /// user gets a random one when it is first read.
    /// </summary>
    /// <remarks>
    /// Made on first read, not in an initializer: EF Core constructs every user it reads with
    /// <c>new User()</c> and then sets the stored stamp, so an initializer drew 16 random bytes from the
    /// system's generator for each review author on a product page, only to throw them away.
    /// </remarks>
    public string SecurityStamp
    {
        get => _securityStamp ??= NewSecurityStamp();
        set => _securityStamp = value;
    }

    /// <summary>The TOTP secret, protected by ASP.NET Core Data Protection; null while MFA is off.</summary>
    public string? MfaSecret { get; set; }

    /// <summary>A secret handed out by <c>beginMfaEnrollment</c>, protected, until a code from it confirms it.</summary>
    public string? MfaPendingSecret { get; set; }

    /// <summary>When MFA was turned on; null while it is off.</summary>
    public DateTime? MfaEnabledAt { get; set; }

    /// <summary>The last TOTP time step accepted: a code of that step or an earlier one is a replay.</summary>
    public long? MfaLastTimeStep { get; set; }

    public bool MfaEnabled => MfaEnabledAt is not null;

    /// <summary>STAFF and ADMIN must sign in with a second factor.</summary>
    public bool MustUseMfa => Role is Role.Staff or Role.Admin;

    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

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
