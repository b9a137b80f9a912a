using Graph.AspNetCore.WarmUp;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Graph.Api.Data;

public static class ShopHealthChecks
{
    /// <summary>
    /// The tag that puts a check into <c>/health/ready</c>. A dependency added later joins readiness
    /// by this tag alone, e.g. <c>.AddCheck&lt;RedisHealthCheck&gt;("redis", tags: [ShopHealthChecks.ReadyTag])</c>.
    /// </summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddShopHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseMigratedHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<WarmUpHealthCheck>("warm-up", tags: [ReadyTag]); // GraphQL:WarmUp, Program.cs
        return services;
    }

    /// <summary><c>/health/live</c> runs no check (the process answers); <c>/health/ready</c> runs the readiness checks.</summary>
    public static void MapShopHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}

/// <summary>Healthy when the database answers and has no pending migration.</summary>
internal sealed class DatabaseMigratedHealthCheck(IDbContextFactory<ShopDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) are not applied.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
