using BenchmarkDotNet.Running;

namespace Graph.Benchmarks;

/// <summary>
/// <c>bare-server --urls URL</c> runs the bare Kestrel baseline of load.sh; <c>fanout …</c> the
/// subscription fan-out measurement (<see cref="SubscriptionFanOut"/>); <c>cpu-per-request</c> the
/// CPU time per request of each benchmark document (<see cref="CpuPerRequest"/>); <c>cache-hits</c>
/// the same for requests the response cache answers (<see cref="CacheHitCpu"/>); anything else goes
/// to BenchmarkDotNet (<c>--filter '*'</c>, <c>--job short</c>, ...).
/// </summary>
public static class EntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["bare-server", .. var rest])
        {
            await BareServer.RunAsync(rest);
            return 0;
        }

        if (args is ["fanout", .. var fanOut])
        {
            return await SubscriptionFanOut.RunAsync(fanOut);
        }

        if (args is ["limits-overhead", .. var rounds])
        {
            return await LimitsOverhead.RunAsync(rounds);
        }

        if (args is ["cpu-per-request", .. var only])
        {
            await CpuPerRequest.RunAsync(only);
            return 0;
        }

        if (args is ["cache-hits", .. var hitOptions])
        {
            await CacheHitCpu.RunAsync(hitOptions.Contains("--allocations"));
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(EntryPoint).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
