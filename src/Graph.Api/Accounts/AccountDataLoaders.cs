using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

public sealed class UserByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : ShopBatchDataLoader<int, User>(factory)
{
    protected override async Task<IReadOnlyDictionary<int, User>> LoadAsync(ShopDbContext db, IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
}
