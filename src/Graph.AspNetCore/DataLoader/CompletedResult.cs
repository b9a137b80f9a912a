using GraphQL.DataLoader;

namespace Graph.AspNetCore.DataLoader;

/// <summary>A result that is already known.</summary>
internal sealed class CompletedResult<T>(T value) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
}
