using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// Unhealthy while the instance warms up, so that a readiness probe sends it traffic only once its
/// hot code is optimised; healthy otherwise (and where no warm-up is registered). Tag it as a
/// readiness check.
/// </summary>
public sealed class WarmUpHealthCheck(WarmUpState? state = null) : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Warm = Task.FromResult(HealthCheckResult.Healthy());
    private static readonly Task<HealthCheckResult> Warming = Task.FromResult(HealthCheckResult.Unhealthy("warming up"));

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        state?.IsWarmingUp == true ? Warming : Warm;
}
