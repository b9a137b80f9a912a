using System.Threading.RateLimiting;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.WarmUp;
using GraphQL;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Graph.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on the GraphQL endpoint (HTTP, WebSocket upgrades and SSE alike),
/// partitioned by client address (<see cref="ClientKeys"/>, as the connection limits are). A refused request is answered 429
/// with <c>Retry-After</c> and a GraphQL-shaped body whose error has the code <c>RATE_LIMITED</c>.
/// </summary>
/// <remarks>
/// The address is the connection's remote address. Behind a reverse proxy every client has the
/// proxy's address: configure the forwarded-headers middleware for the proxy before relying on this.
/// </remarks>
public static class GraphQLRateLimiting
{
    public const string PolicyName = "graphql";

    public static IServiceCollection AddGraphQLRateLimiting(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<GraphQLRateLimitOptions>()
            .BindConfiguration(GraphQLRateLimitOptions.SectionName)
            .PostConfigure(options => options.Enabled ??= !environment.IsDevelopment())
            .Validate(options => options.PermitLimit > 0 && options.Window > TimeSpan.Zero && options.SegmentsPerWindow > 0, "RateLimiting:GraphQL needs a positive PermitLimit, Window and SegmentsPerWindow.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(PolicyName, context =>
            {
                if (context.IsWarmUpRequest())
                {
                    // The instance warming itself up (GraphQL:WarmUp), not a client.
                    return RateLimitPartition.GetNoLimiter("warm-up");
                }

                var options = context.RequestServices.GetRequiredService<IOptions<GraphQLRateLimitOptions>>().Value;
                return RateLimitPartition.GetSlidingWindowLimiter(ClientKeys.AddressOf(context), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    SegmentsPerWindow = options.SegmentsPerWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// Puts the rate limiter in the pipeline when <c>RateLimiting:GraphQL:Enabled</c> is on (the default
    /// outside Development) and says whether it did; the GraphQL endpoint then requires
    /// <see cref="PolicyName"/>. With the limit off neither is added, so a request pays nothing for it
    /// (a partition looked up for a no-op limiter was 2 % of a cached page's answer).
    /// </summary>
    public static bool UseGraphQLRateLimiting(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<GraphQLRateLimitOptions>>().Value.Enabled != true)
        {
            return false;
        }

        app.UseRateLimiter();
        return true;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<GraphQLRateLimitOptions>>().Value;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : options.Window / options.SegmentsPerWindow;
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        await RetryLaterResponse.WriteAsync(http, serializer, new RateLimitedError(), retryAfter);
    }
}
