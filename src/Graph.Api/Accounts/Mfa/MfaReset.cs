using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts.Mfa;

/// <summary>Turning MFA off (by its user with a code, or by an ADMIN): the secrets go, and every recovery code.</summary>
internal static class MfaReset
{
    /// <summary>Clears <paramref name="user"/>'s MFA (saved with the caller's next save) and deletes its recovery codes now.</summary>
    public static async Task ClearAsync(ShopDbContext db, User user, CancellationToken cancellationToken)
    {
        user.MfaSecret = null;
        user.MfaPendingSecret = null;
        user.MfaEnabledAt = null;
        user.MfaLastTimeStep = null;
        await db.MfaRecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
    }
}
