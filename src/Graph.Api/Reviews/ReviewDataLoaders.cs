using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reviews;

public sealed class ReviewByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Review>
{
    protected override async Task<IReadOnlyDictionary<int, Review>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        return await session.ReadAsync(async (db, token) => await db.Reviews.AsNoTracking().Where(r => keys.Contains(r.Id)).ToDictionaryAsync(r => r.Id, token), cancellationToken);
    }
}
