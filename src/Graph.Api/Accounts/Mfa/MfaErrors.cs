using Graph.AspNetCore.Mutations;

namespace Graph.Api.Accounts.Mfa;

/// <summary>One message for a wrong, expired and replayed code: which one it was helps only a guesser.</summary>
public sealed record InvalidMfaCodeError : IPayloadError
{
    public string Message => "The code is wrong, expired or already used.";
}

public sealed record InvalidMfaTicketError : IPayloadError
{
    public string Message => "The sign-in ticket is invalid or has expired; log in again.";
}

public sealed record MfaAlreadyEnabledError : IPayloadError
{
    public string Message => "Multi-factor authentication is already on for this account.";
}

public sealed record MfaNotEnabledError : IPayloadError
{
    public string Message => "Multi-factor authentication is not on for this account.";
}

public sealed record MfaEnrollmentNotStartedError : IPayloadError
{
    public string Message => "Start with beginMfaEnrollment: there is no secret to confirm.";
}
