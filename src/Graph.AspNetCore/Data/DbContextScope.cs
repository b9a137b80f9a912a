using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Opens the database context a batched list query reads from (e.g. the request's read session), hands
/// it to <paramref name="work"/>, and closes it after. The query reads the entity's table with a query
/// compiled once per shape (<see cref="ConnectionQuery{TEntity}.ExecuteGroupedAsync{TParentKey}(DbContext, System.Linq.Expressions.Expression{Func{TEntity, TParentKey}}, IReadOnlyList{TParentKey}, CancellationToken)"/>).
/// </summary>
/// <param name="services">The request's services.</param>
/// <param name="work">The query to run on the context.</param>
/// <param name="cancellationToken">Cancels the work.</param>
public delegate Task DbContextScope(IServiceProvider services, Func<DbContext, Task> work, CancellationToken cancellationToken);
