using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Graph.Api.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each model. A compiled query is bound to the model
/// it first ran with, and SQLite's model differs from PostgreSQL's (money as cents, collations), so a
/// process that talks to both (the test suite) needs one per provider.
/// </summary>
/// <remarks>
/// Keyed by the model instance, which EF Core builds once per provider and keeps: the provider's name
/// (<c>Database.ProviderName</c>) is read from its assembly's name, an allocation on every call, and
/// was a percent of a storefront request.
/// </remarks>
internal sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _queries = new(ReferenceEqualityComparer.Instance);

    public TQuery For(ShopDbContext db) => _queries.GetOrAdd(db.Model, _ => compile());
}
