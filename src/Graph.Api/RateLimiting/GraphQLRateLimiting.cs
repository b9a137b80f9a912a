using System.Threading.RateLimiting;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Http.Errors;
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
                var options = context.RequestServices.GetRequiredService<IOptions<GraphQLRateLimitOptions>>().Value;
                if (options.Enabled != true)
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

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
