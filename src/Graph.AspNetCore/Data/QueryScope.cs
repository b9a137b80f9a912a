namespace Graph.AspNetCore.Data;

/// <summary>
/// Opens what a batched list query runs on (e.g. a database context of its own), hands the items'
/// <see cref="IQueryable{T}"/> to <paramref name="work"/>, and closes it after.
/// </summary>
/// <param name="services">The request's services.</param>
/// <param name="work">The query to run on the items.</param>
/// <param name="cancellationToken">Cancels the work.</param>
public delegate Task QueryScope<TEntity>(IServiceProvider services, Func<IQueryable<TEntity>, Task> work, CancellationToken cancellationToken);
