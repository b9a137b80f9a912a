namespace Graph.AspNetCore.DataLoader;

/// <summary>Helpers for the untyped <c>IDataLoaderResult.GetResultAsync</c> the execution strategies call.</summary>
internal static class TaskExtensions
{
    // A value already there is wrapped without an async state machine: most cached keys take this path.
    public static Task<object?> AsObjectTask<T>(this Task<T> task) =>
        task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : AwaitAsObjectAsync(task);

    private static async Task<object?> AwaitAsObjectAsync<T>(Task<T> task) => await task.ConfigureAwait(false);
}
