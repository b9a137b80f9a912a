using Graph.Api.Data;

namespace Graph.Api.Accounts.Sessions;

/// <summary>
/// Revokes every token a user holds by giving the user a new security stamp: the change is saved with
/// the caller's unit of work, then announced to the stamp cache (this instance at once, the others
/// through Redis or when their entry expires).
/// </summary>
public sealed class SessionRevocation(SecurityStampCache stamps)
{
    /// <summary>Gives <paramref name="user"/> (tracked by <paramref name="db"/>) a new stamp and saves every pending change.</summary>
    public async Task SaveRevokingAsync(ShopDbContext db, User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        user.SecurityStamp = User.NewSecurityStamp();
        await db.SaveChangesAsync(cancellationToken);
        await stamps.ChangedAsync(user.Id, user.SecurityStamp);
    }
}
