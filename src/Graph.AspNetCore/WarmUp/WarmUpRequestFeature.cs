using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// Marks a request of the warm-up (<see cref="IGraphQLWarmUpRequests"/>): it comes from no client, so
/// limits per client (request rates) leave it alone.
/// </summary>
public sealed class WarmUpRequestFeature
{
    internal static WarmUpRequestFeature Instance { get; } = new();

    private WarmUpRequestFeature()
    {
    }
}

/// <summary>Tells the warm-up's requests from clients'.</summary>
public static class WarmUpHttpContextExtensions
{
    /// <summary>Whether <paramref name="context"/> is a request of the warm-up, not of a client.</summary>
    public static bool IsWarmUpRequest(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<WarmUpRequestFeature>() is not null;
    }
}
