using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// The ten one-time recovery codes: random, shown once, stored as password-hasher hashes (so a
/// stolen database does not hand them out), each accepted once.
/// </summary>
public sealed class RecoveryCodes(IPasswordHasher<User> hasher)
{
    public const int Count = 10;

    // No 0/O, 1/I/L: read off paper and typed back without doubt. 10 characters of 31: ~49 bits each.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>New codes for <paramref name="user"/>: the plain codes to show, and their rows to store.</summary>
    public (IReadOnlyList<string> Codes, IReadOnlyList<MfaRecoveryCode> Rows) Create(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();

        // Hashing is deliberately slow; the ten run side by side.
        var hashes = new string[Count];
        Parallel.For(0, Count, i => hashes[i] = hasher.HashPassword(user, codes[i]));
        return (codes, hashes.Select(h => new MfaRecoveryCode { UserId = user.Id, CodeHash = h }).ToList());
    }

    /// <summary>The unused row <paramref name="code"/> matches, or null.</summary>
    public MfaRecoveryCode? Find(User user, IEnumerable<MfaRecoveryCode> unused, string code)
    {
        var normalized = Normalize(code);
        if (normalized.Length != 11)
        {
            return null;
        }

        return unused.FirstOrDefault(row => hasher.VerifyHashedPassword(user, row.CodeHash, normalized) != PasswordVerificationResult.Failed);
    }

    // Typed back in lower case or without the dash, a code is still the code.
    private static string Normalize(string code)
    {
        var compact = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return compact.Length == 10 ? string.Concat(compact.AsSpan(0, 5), "-", compact.AsSpan(5)) : compact;
    }

    private static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 10);
        return string.Concat(new string(chars, 0, 5), "-", new string(chars, 5, 5));
    }
}
