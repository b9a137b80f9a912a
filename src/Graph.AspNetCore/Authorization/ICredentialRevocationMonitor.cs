using System.Security.Claims;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// Tells a long-lived connection (WebSocket, server-sent events) that the credentials it was opened
/// with have been revoked before they expire (the user signed out everywhere, lost a role, changed
/// the password). The application registers one when its tokens can be revoked; the serving layer
/// then closes a WebSocket with 4403 and ends an event stream with <c>AUTH_NOT_AUTHENTICATED</c>.
/// </summary>
public interface ICredentialRevocationMonitor
{
    /// <summary>Completes once <paramref name="user"/>'s credentials are no longer valid; otherwise runs until cancelled.</summary>
    /// <param name="user">The signed-in user of the connection.</param>
    /// <param name="cancellationToken">Cancelled when the connection ends.</param>
    Task WhenRevokedAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
