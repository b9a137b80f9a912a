using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

// Compiled once (EF.CompileAsyncQuery): every review's author on a product page comes through here.
public sealed class UserByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, User>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, int[], IAsyncEnumerable<User>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, int[] ids) => db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))));

    protected override async Task<IReadOnlyDictionary<int, User>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await Query.For(db)(db, [.. keys]).ToDictionaryAsync(u => u.Id, cancellationToken: token), cancellationToken);
    }
}
