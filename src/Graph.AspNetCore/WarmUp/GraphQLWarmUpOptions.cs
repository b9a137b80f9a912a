namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// The warm-up a fresh instance runs as soon as it listens, before it says it is ready
/// (<c>GraphQL:WarmUp</c>): the application's own requests, through its own pipeline, until the JIT
/// has recompiled what they run.
/// </summary>
public sealed class GraphQLWarmUpOptions
{
    /// <summary>Whether the warm-up runs. Null means: everywhere but Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The longest the warm-up may hold back readiness; it stops there, warm or not. Measured on the
    /// shop (no other load): warm after about 10 s, on one core or two.
    /// </summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The warm-up is done when the JIT has compiled no method for this long while the requests kept
    /// running (after <see cref="MinPasses"/>): what they run has reached its final code.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// The fewest passes in that quiet spell. The runtime compiles a method again only after counting
    /// its calls (30 by default, 300 in the shop's build), and compiles nothing for it meanwhile: a
    /// spell of fewer passes may be a hot method half-way through its count, not the end of the
    /// work. 40 passes cover every method the requests call eight times or more per pass.
    /// </summary>
    public int QuietPasses { get; set; } = 40;

    /// <summary>
    /// The fewest passes over the requests. A method is recompiled after 30 calls at each of its
    /// tiers (plain, then instrumented for profile-guided optimisation), so fewer passes than that
    /// cannot have brought a method called once per request to its final code.
    /// </summary>
    public int MinPasses { get; set; } = 80;

    /// <summary>
    /// After this many clients' requests to the GraphQL endpoint (health probes are not counted) the
    /// warm-up stops: clients already reach the instance, their requests warm it, and the warm-up
    /// would only take the core from them.
    /// </summary>
    public int ClientRequests { get; set; } = 20;
}
