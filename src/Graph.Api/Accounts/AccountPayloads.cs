using System.Security.Claims;
using Graph.Api.Accounts.Mfa;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;

namespace Graph.Api.Accounts;

/// <summary>
/// The result of signing up, logging in, verifying a second factor or changing a password. Its
/// <c>user</c> is read as that user (<see cref="IViewerScope"/>): the caller was anonymous a moment ago.
/// An enrolled user's <c>logIn</c> has no token but a <see cref="Challenge"/>.
/// </summary>
public sealed record SignInPayload(string? Token, User? User, IReadOnlyList<IPayloadError>? Errors, ClaimsPrincipal? Viewer, MfaChallenge? Challenge = null) : IPayload, IViewerScope
{
    public static SignInPayload Failed(IPayloadError error) => new(null, null, [error], null);

    public static SignInPayload Failed(IReadOnlyList<IPayloadError> errors) => new(null, null, errors, null);
}

/// <summary>The result of an admin's change to an account.</summary>
public sealed record UserPayload(User? User, IReadOnlyList<IPayloadError>? Errors) : IPayload
{
    public static UserPayload Failed(IPayloadError error) => new(null, [error]);
}

/// <summary>Every token of the user is revoked.</summary>
public sealed record LogOutEverywherePayload(DateTime RevokedAt) : IPayload
{
    public IReadOnlyList<IPayloadError>? Errors => null;
}
