using GraphQL;

namespace Graph.AspNetCore.Authorization;

/// <summary>A denied field: it resolves to null with this error (and its path); the rest of the response arrives.</summary>
public sealed class AuthorizationError : ExecutionError
{
    /// <summary>No valid token: nobody is signed in.</summary>
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";

    /// <summary>Signed in, but not allowed.</summary>
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";

    /// <summary>Signed in and otherwise allowed, but without the second factor the element requires.</summary>
    public const string MfaRequired = "AUTH_MFA_REQUIRED";

    private AuthorizationError(string message, string code)
        : base(message) => Code = code;

    /// <summary>The error for a user: not authenticated when nobody is signed in, otherwise not authorized.</summary>
    public static AuthorizationError For(System.Security.Claims.ClaimsPrincipal? user, string what) =>
        user?.Identity?.IsAuthenticated == true
            ? new AuthorizationError($"You are not allowed to read {what}.", NotAuthorized)
            : new AuthorizationError($"Sign in to read {what}.", NotAuthenticated);

    /// <summary>The error for a signed-in user who lacks only the second factor.</summary>
    public static AuthorizationError SecondFactorMissing(string what) =>
        new($"Sign in with your second factor (verifyMfa) to read {what}.", MfaRequired);
}
