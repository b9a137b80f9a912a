namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// The warm-up's pause after a pass that sent methods to the JIT: it steps aside while the JIT's
/// background thread compiles, and no longer. It waits in short slices for as long as the process's
/// CPU clock keeps running without it (the JIT at work), and at most as long as the pass took.
/// </summary>
/// <remarks>
/// A fixed pause as long as the pass left a single core idle once the JIT had worked through its
/// queue: 0.9 s of a 6.4 s warm-up went by with the process off the CPU (the warm-up's elapsed time
/// against the process's CPU clock), and readiness waited for it. With more cores the JIT compiles
/// beside the warm-up, the clock keeps running, and the pause lasts as long as the pass, as before.
/// </remarks>
internal sealed class JitPause(Func<TimeSpan> cpuClock, Func<TimeSpan, CancellationToken, Task> delay)
{
    /// <summary>
    /// One slice of the wait: a few tier-1 compilations long, so that a slice in which the clock hardly
    /// moved means the JIT had nothing left to do rather than that it was between two methods.
    /// </summary>
    internal static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(2);

    /// <summary>This process's pause: its CPU clock (all threads), real delays.</summary>
    public static JitPause OfThisProcess { get; } = new(() => Environment.CpuUsage.TotalTime, Task.Delay);

    /// <summary>Waits while something else in the process keeps the CPU busy, at most <paramref name="longest"/>.</summary>
    public async Task WaitAsync(TimeSpan longest, CancellationToken cancellationToken)
    {
        for (var waited = TimeSpan.Zero; waited < longest;)
        {
            var slice = longest - waited < Slice ? longest - waited : Slice; // a pass shorter than a slice: no longer than the pass
            var before = cpuClock();
            await delay(slice, cancellationToken);
            waited += slice;
            if (cpuClock() - before < slice / 2)
            {
                return; // the process was idle while the warm-up slept: the JIT's queue is empty
            }
        }
    }
}
