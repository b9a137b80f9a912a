using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;

namespace Graph.Api.Reviews;

public sealed class ReviewByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, Review>
{
    private static readonly KeyedLookup<Review, int> Lookup = new(r => r.Id);

    protected override Task<IReadOnlyDictionary<int, Review>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
}
