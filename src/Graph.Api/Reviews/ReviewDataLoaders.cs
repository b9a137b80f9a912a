using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reviews;

public sealed class ReviewByIdDataLoader(IDbContextFactory<ShopDbContext> factory) : BatchDataLoader<int, Review>
{
    protected override async Task<IReadOnlyDictionary<int, Review>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.OpenDbContextAsync(cancellationToken);
        return await db.Reviews.AsNoTracking().Where(r => keys.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
    }
}
