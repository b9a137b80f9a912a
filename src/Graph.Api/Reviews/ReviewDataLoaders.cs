using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reviews;

public sealed class ReviewByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : ShopBatchDataLoader<int, Review>(factory)
{
    protected override async Task<IReadOnlyDictionary<int, Review>> LoadAsync(ShopDbContext db, IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        await db.Reviews.AsNoTracking().Where(r => keys.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
}
