namespace Graph.Api.RateLimiting;

/// <summary>
/// The <c>RateLimiting:GraphQL</c> section: requests to the GraphQL endpoint per client address, in a
/// sliding window. Off in Development unless turned on; on everywhere else unless turned off.
/// </summary>
public sealed class GraphQLRateLimitOptions
{
    public const string SectionName = "RateLimiting:GraphQL";

    /// <summary>On or off; when not set, off in Development and on elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Requests one client address may make per <see cref="Window"/>. The default, 6,000 a minute
    /// (100/s on average), is far above what people behind one NAT send while shopping (a page view
    /// is a few requests; a hundred busy shoppers make some tens a second), and far below a flood: one
    /// script at 3,000 req/s uses it up in two seconds.
    /// </summary>
    public int PermitLimit { get; set; } = 6_000;

    /// <summary>The window the permits are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window's segments: permits come back one segment at a time, and a refused client is told to retry after one.</summary>
    public int SegmentsPerWindow { get; set; } = 6;
}
