using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Graph.Api.Accounts.Sessions;

/// <summary>
/// Watches the user of an open WebSocket or event stream: once the stamp in its token is no longer
/// the user's (revoked on this or any other instance), the serving layer closes it. It looks once per
/// <see cref="AuthOptions.SecurityStampCacheDuration"/>, the same window HTTP requests have.
/// </summary>
public sealed class SecurityStampMonitor(SecurityStampCheck validator, IOptions<AuthOptions> options, TimeProvider time) : ICredentialRevocationMonitor
{
    public async Task WhenRevokedAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var interval = options.Value.SecurityStampCacheDuration > TimeSpan.FromMilliseconds(50)
            ? options.Value.SecurityStampCacheDuration
            : TimeSpan.FromMilliseconds(50);
        while (await validator.IsCurrentAsync(user, cancellationToken))
        {
            await Task.Delay(interval, time, cancellationToken);
        }
    }
}
