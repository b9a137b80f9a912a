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
    /// The warm-up is done when the JIT has been quiet (<see cref="QuietJitShare"/>) for this long
    /// while the requests kept running (after <see cref="MinPasses"/>): what they run has reached its
    /// final code.
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
    /// The most of a quiet spell's time the JIT may spend compiling (0.05: 5 %). Not zero: once the
    /// hot methods are optimised, methods a pass calls less than once still reach their call count
    /// now and then, which says nothing about the hot path.
    /// </summary>
    public double QuietJitShare { get; set; } = 0.05;

    /// <summary>
    /// The fewest passes over the requests; null (the default) means the runtime's call count plus
    /// 10 % and at least 80. The runtime recompiles a method once it has counted that many calls (30
    /// by default, 300 in the shop's build: <c>System.Runtime.TieredCompilation.CallCountThreshold</c>
    /// in the runtime configuration), so fewer passes cannot have brought a method each pass calls
    /// once to its optimised code, and the first clients would pay for those compilations. 80 is the
    /// floor for the default count: 30 calls at each of two tiers (plain, then instrumented for
    /// profile-guided optimisation).
    /// </summary>
    public int? MinPasses { get; set; }

    /// <summary>
    /// After this many clients' requests to the GraphQL endpoint (health probes are not counted) the
    /// warm-up stops: clients already reach the instance, their requests warm it, and the warm-up
    /// would only take the core from them.
    /// </summary>
    public int ClientRequests { get; set; } = 20;

    /// <summary><see cref="MinPasses"/>, or what it defaults to in this process.</summary>
    internal int EffectiveMinPasses => MinPasses ?? DefaultMinPasses(RuntimeCallCount());

    internal static int DefaultMinPasses(int callCount) => Math.Max(80, callCount + callCount / 10);

    // The runtime configuration's value (what a build sets); the runtime's own default otherwise.
    private static int RuntimeCallCount() =>
        AppContext.GetData("System.Runtime.TieredCompilation.CallCountThreshold") is { } value
            && int.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : 30;
}
