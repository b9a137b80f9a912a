using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;

namespace Graph.Api.Accounts.Mfa;

/// <summary>What <c>logIn</c> returns for an enrolled user instead of a token.</summary>
public sealed record MfaChallenge(string Ticket, DateTime ExpiresAt);

/// <summary>The secret of an enrolment in progress, shown once.</summary>
public sealed record BeginMfaEnrollmentPayload(string? Secret, string? OtpauthUri, IReadOnlyList<IPayloadError>? Errors) : IPayload
{
    public static BeginMfaEnrollmentPayload Failed(IPayloadError error) => new(null, null, [error]);
}

/// <summary>MFA turned on: the recovery codes (shown once) and a token with the second factor.</summary>
public sealed record ConfirmMfaEnrollmentPayload(IReadOnlyList<string>? RecoveryCodes, string? Token, User? User, IReadOnlyList<IPayloadError>? Errors, ClaimsPrincipal? Viewer) : IPayload, IViewerScope
{
    public static ConfirmMfaEnrollmentPayload Failed(IPayloadError error) => new(null, null, null, [error], null);
}
