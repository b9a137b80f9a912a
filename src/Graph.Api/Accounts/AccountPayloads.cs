using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;

namespace Graph.Api.Accounts;

/// <summary>
/// The result of signing up or logging in. Its <c>user</c> is read as that user (<see cref="IViewerScope"/>):
/// the caller was anonymous a moment ago.
/// </summary>
public sealed record SignInPayload(string? Token, User? User, IReadOnlyList<IPayloadError>? Errors, ClaimsPrincipal? Viewer) : IPayload, IViewerScope
{
    public static SignInPayload Failed(IPayloadError error) => new(null, null, [error], null);

    public static SignInPayload Failed(IReadOnlyList<IPayloadError> errors) => new(null, null, errors, null);
}
