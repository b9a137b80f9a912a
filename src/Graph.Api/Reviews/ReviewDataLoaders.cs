using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reviews;

public sealed class ReviewByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Review>
{
    private static readonly CompiledPerProvider<Func<ShopDbContext, int[], IAsyncEnumerable<Review>>> Query = new(() =>
        EF.CompileAsyncQuery((ShopDbContext db, int[] ids) => db.Reviews.AsNoTracking().Where(r => ids.Contains(r.Id))));

    protected override async Task<IReadOnlyDictionary<int, Review>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await Query.For(db)(db, [.. keys]).ToDictionaryAsync(r => r.Id, cancellationToken: token), cancellationToken);
    }
}
