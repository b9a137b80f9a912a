using OtpNet;

namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// Checks a TOTP code (RFC 6238: SHA-1, 6 digits, 30 s steps) with Otp.NET, accepting the step before
/// and after the current one for clock drift. Returns the step the code belongs to, so that the
/// caller can refuse it when that step was already used (a replay).
/// </summary>
public sealed class TotpCodeChecker(TimeProvider time)
{
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>Whether <paramref name="code"/> looks like a TOTP code at all (six digits) rather than a recovery code.</summary>
    public static bool IsTotpShaped(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>The time step <paramref name="code"/> matches, or null when it matches none in the window.</summary>
    public long? MatchingStep(byte[] secret, string code)
    {
        if (!IsTotpShaped(code))
        {
            return null;
        }

        var totp = new Totp(secret);
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, Window) ? step : null;
    }
}
