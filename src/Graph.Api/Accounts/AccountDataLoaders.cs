using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

public sealed class UserByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<int, User>
{
    protected override async Task<IReadOnlyDictionary<int, User>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }
}
