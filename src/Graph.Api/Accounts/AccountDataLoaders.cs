using Graph.Api.Data;
using Graph.AspNetCore.DataLoader;

namespace Graph.Api.Accounts;

// Compiled once (KeyedLookup): every review's author on a product page comes through here.
public sealed class UserByIdDataLoader(ShopReadSession session) : BatchDataLoader<int, User>
{
    private static readonly KeyedLookup<User, int> Lookup = new(u => u.Id);

    protected override Task<IReadOnlyDictionary<int, User>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        session.ReadAsync((db, token) => Lookup.ReadAsync(db, keys, token), cancellationToken);
}
