using System.Net.Mail;

namespace Graph.Api.Accounts;

/// <summary>What a new account's email, password and display name must be.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;
    public const int MaxDisplayNameLength = 100;
    public const int MaxEmailLength = 254;

    /// <summary>The rules the password breaks; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string password, string email)
    {
        ArgumentNullException.ThrowIfNull(password);
        var reasons = new List<string>();
        if (password.Length < MinLength)
        {
            reasons.Add($"It needs at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            reasons.Add($"It may have at most {MaxLength} characters.");
        }

        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            reasons.Add("It needs letters and digits.");
        }

        if (string.Equals(password, email, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add("It may not be the email address.");
        }

        return reasons;
    }

    public static bool IsValidEmail(string normalizedEmail) =>
        normalizedEmail.Length <= MaxEmailLength
        && MailAddress.TryCreate(normalizedEmail, out var address)
        && address.Address == normalizedEmail
        && normalizedEmail.Contains('.', StringComparison.Ordinal);
}
