namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// Whether the instance is warming up (<see cref="IGraphQLWarmUpRequests"/>): from just before its
/// server listens until the warm-up is over. <see cref="WarmUpHealthCheck"/> reports it to readiness.
/// </summary>
public sealed class WarmUpState
{
    private readonly TaskCompletionSource _over = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _warmingUp;

    /// <summary>True while the warm-up runs; false before the server starts, and once it is over (or off).</summary>
    public bool IsWarmingUp => _warmingUp;

    /// <summary>Completes when a warm-up that began is over (warm, stopped at its limit, or failed); never when none runs.</summary>
    public Task Over => _over.Task;

    internal void Begin() => _warmingUp = true;

    internal void End()
    {
        _warmingUp = false;
        _over.TrySetResult();
    }
}
