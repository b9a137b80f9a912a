namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// One topology of three instances for the scenarios that leave it whole. Load-test settings: no
/// request rate limit (every request comes from this machine's one address), a short outbox claim
/// lease, a small sign-in allowance that the forged-address scenario counts against, and a short
/// warm-up.
/// </summary>
public sealed class ScaleoutFixture : IAsyncLifetime
{
    public const int SignInsPerMinute = 8;

    public ScaleoutTopology Topology { get; private set; } = null!;

    public ScaleoutKit Kit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Topology = await ScaleoutTopology.StartAsync(3, Settings);
        Kit = new ScaleoutKit(Topology);
    }

    public async Task DisposeAsync()
    {
        Kit?.Dispose();
        if (Topology is not null)
        {
            await Topology.DisposeAsync();
        }
    }

    public static readonly string[] Settings =
    [
        "--RateLimiting:GraphQL:Enabled=false",
        "--Outbox:ClaimLease=00:00:05",
        $"--Auth:SignInAttemptsPerMinute={SignInsPerMinute}",

        // Each instance warms up before it is ready, as in production, but briefly: three of them
        // warm at once on the test machine's cores.
        "--GraphQL:WarmUp:MaxDuration=00:00:02",
    ];
}
