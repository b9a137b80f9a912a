using System.Security.Claims;

namespace Graph.AspNetCore.Authorization;

/// <summary>A valid token: its user, and when it stops being valid (the connection is closed then).</summary>
/// <param name="User">The signed-in user.</param>
/// <param name="ExpiresAt">When the token expires, if it does.</param>
public sealed record ConnectionTokenValidation(ClaimsPrincipal User, DateTimeOffset? ExpiresAt);
