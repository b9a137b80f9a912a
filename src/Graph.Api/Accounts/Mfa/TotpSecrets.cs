using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OtpNet;

namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// TOTP secrets: made (160 random bits, RFC 4226's recommended length), written as base32 and as an
/// <c>otpauth://</c> URI for authenticator apps (Otp.NET), and kept encrypted at rest with ASP.NET Core
/// Data Protection (its key ring lives in the database, shared by every instance).
/// </summary>
public sealed class TotpSecrets(IDataProtectionProvider protection, IOptions<AuthOptions> options)
{
    // A purpose of its own: nothing else protected by this application can be unprotected as a secret.
    private readonly IDataProtector _protector = protection.CreateProtector("Graph.Api.Accounts.Mfa.TotpSecret.v1");

    public const int SecretBytes = 20;

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    public string Protect(byte[] secret) => Convert.ToBase64String(_protector.Protect(secret));

    public byte[] Unprotect(string stored) => _protector.Unprotect(Convert.FromBase64String(stored));

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The URI an authenticator app scans (as a QR code) or is given: issuer, account and secret.</summary>
    public string Uri(byte[] secret, string account) =>
        new OtpUri(OtpType.Totp, Base32(secret), account, options.Value.MfaIssuer).ToString();
}
