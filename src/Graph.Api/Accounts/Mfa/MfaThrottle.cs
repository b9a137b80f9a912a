namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// The per-account limit of second-factor attempts (<c>verifyMfa</c>, <c>confirmMfaEnrollment</c>,
/// <c>disableMfa</c>): a <see cref="SignInFailureThrottle"/> of its own, registered under
/// <see cref="Key"/> and keyed by user id, so that failed codes and failed passwords are counted
/// apart and no email typed into <c>logIn</c> can lock an account's second factor.
/// </summary>
public static class MfaThrottle
{
    public const string Key = "mfa";

    public static string For(int userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
