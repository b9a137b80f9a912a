using System.Diagnostics;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// Whether the JIT has gone quiet over the last passes of the warm-up: over the shortest run of recent
/// passes that is at least <see cref="GraphQLWarmUpOptions.QuietPasses"/> passes and
/// <see cref="GraphQLWarmUpOptions.QuietPeriod"/> long, it spent at most
/// <see cref="GraphQLWarmUpOptions.QuietJitShare"/> of the time compiling.
/// </summary>
/// <remarks>
/// A share rather than "nothing compiled": once the hot methods are optimised, the ones a pass calls
/// less than once still reach their call count now and then, each a millisecond of the JIT's time.
/// With fast passes (code optimised from a recorded profile: a few milliseconds each) that trickle
/// fell into every quiet spell, and the warm-up held readiness back until its time limit.
/// </remarks>
internal sealed class QuietWindow(GraphQLWarmUpOptions settings)
{
    private readonly Queue<(long Timestamp, TimeSpan JitTime)> _ends = new();

    /// <summary>Records the end of a pass (its timestamp and the JIT's total time so far); true once the JIT is quiet.</summary>
    public bool Add(long timestamp, TimeSpan jitTime)
    {
        _ends.Enqueue((timestamp, jitTime));

        // Keep the shortest run of passes that still covers both QuietPasses passes and QuietPeriod.
        while (_ends.Count - 2 >= settings.QuietPasses && Elapsed(_ends.ElementAt(1).Timestamp, timestamp) >= settings.QuietPeriod)
        {
            _ends.Dequeue();
        }

        var (startedAt, jitAtStart) = _ends.Peek();
        var span = Elapsed(startedAt, timestamp);
        return _ends.Count - 1 >= settings.QuietPasses
            && span >= settings.QuietPeriod
            && jitTime - jitAtStart <= span * settings.QuietJitShare;
    }

    private static TimeSpan Elapsed(long from, long to) => Stopwatch.GetElapsedTime(from, to);
}
