using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>A result that is already known to have failed.</summary>
internal sealed class FailedResult<T>(Exception exception) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromException<T>(exception);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromException<object?>(exception);
}
