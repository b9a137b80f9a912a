using System.Security.Claims;

namespace Graph.Api.Accounts.Sessions;

/// <summary>
/// Whether a validly signed token still stands for a user: the user exists and the token's security
/// stamp is the user's current one. Run for authenticated requests only (anonymous ones pay nothing).
/// </summary>
public sealed class SecurityStampCheck(SecurityStampCache stamps)
{
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.GetUserId() is not { } id || user.FindFirst(ShopClaims.SecurityStamp)?.Value is not { } stamp)
        {
            return false;
        }

        var current = await stamps.GetAsync(id, cancellationToken);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }
}
