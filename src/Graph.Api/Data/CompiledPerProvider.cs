using System.Collections.Concurrent;

namespace Graph.Api.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each database provider. A compiled query is
/// bound to the model it first ran with, and SQLite's model differs from PostgreSQL's (money as
/// cents, collations), so a process that talks to both (the test suite) needs one per provider.
/// </summary>
internal sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<string, TQuery> _queries = new(StringComparer.Ordinal);

    public TQuery For(ShopDbContext db) => _queries.GetOrAdd(db.Database.ProviderName ?? string.Empty, _ => compile());
}
