using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// Checks a second-factor code of an enrolled user and uses it up: a TOTP code is accepted only for a
/// time step later than the last one accepted, and a recovery code only while unused. Both are
/// conditional updates, so two instances cannot accept the same code at once.
/// </summary>
public sealed class MfaCodes(TotpSecrets secrets, TotpCodeChecker checker, RecoveryCodes recovery, TimeProvider time)
{
    public async Task<bool> TryUseAsync(ShopDbContext db, User user, string code, bool allowRecoveryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        if (user.MfaSecret is null)
        {
            return false;
        }

        code = code.Trim();
        if (TotpCodeChecker.IsTotpShaped(code))
        {
            if (checker.MatchingStep(secrets.Unprotect(user.MfaSecret), code) is not { } step)
            {
                return false;
            }

            var accepted = await db.Users
                .Where(u => u.Id == user.Id && (u.MfaLastTimeStep == null || u.MfaLastTimeStep < step))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.MfaLastTimeStep, step), cancellationToken);
            return accepted == 1;
        }

        if (!allowRecoveryCode)
        {
            return false;
        }

        var unused = await db.MfaRecoveryCodes.AsNoTracking().Where(c => c.UserId == user.Id && c.UsedAt == null).ToListAsync(cancellationToken);
        if (recovery.Find(user, unused, code) is not { } match)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var used = await db.MfaRecoveryCodes
            .Where(c => c.Id == match.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return used == 1;
    }
}
