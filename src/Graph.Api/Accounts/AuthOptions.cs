namespace Graph.Api.Accounts;

/// <summary>The <c>Auth</c> configuration section. The signing key never lives in code or appsettings.json.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The JWT signing key (HMAC-SHA256): at least 256 bits, i.e. 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "graph-shop";

    public string Audience { get; set; } = "graph-shop";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>logIn</c> and <c>signUp</c> attempts allowed per client address and minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>Consecutive failed <c>logIn</c>s for one email before each further attempt must wait (the per-account limit).</summary>
    public int FreeSignInFailures { get; set; } = 5;

    /// <summary>The longest wait between attempts on one email; the wait doubles from 1 s up to this.</summary>
    public TimeSpan MaxSignInDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many emails the per-account limit remembers at most (its memory bound).</summary>
    public int SignInThrottleEntries { get; set; } = 100_000;

    /// <summary>The issuer an authenticator app shows beside the account (the <c>otpauth://</c> URI's).</summary>
    public string MfaIssuer { get; set; } = "Graph Shop";

    /// <summary>How long the ticket of an MFA challenge (<c>logIn</c> of an enrolled user) may be redeemed by <c>verifyMfa</c>.</summary>
    public TimeSpan MfaTicketLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an instance trusts the security stamp it last read for a user: revoked tokens stop
    /// working within this (open WebSockets and event streams within about twice this).
    /// </summary>
    public TimeSpan SecurityStampCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    public const int MinimumKeyBytes = 32;
}
