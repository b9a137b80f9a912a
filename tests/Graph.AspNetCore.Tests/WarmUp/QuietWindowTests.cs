using System.Diagnostics;
using Graph.AspNetCore.WarmUp;

namespace Graph.AspNetCore.Tests.WarmUp;

/// <summary>When the warm-up's JIT counts as quiet: a share of a spell of passes, in passes and in time.</summary>
public sealed class QuietWindowTests
{
    private static readonly GraphQLWarmUpOptions Defaults = new(); // 40 passes, 400 ms, 5 %

    [Fact]
    public void A_trickle_of_compilations_after_the_hot_methods_is_quiet()
    {
        // Passes of 5 ms; a 1 ms compilation every tenth pass: 2 % of the time.
        var clock = new Clock();
        var window = new QuietWindow(Defaults);

        var quietAt = Run(window, clock, passes: 200, passMs: 5, jitMsAt: pass => pass % 10 == 0 ? 1 : 0);

        Assert.Equal(81, quietAt); // as soon as the spell spans 400 ms (80 passes of 5 ms)
    }

    [Fact]
    public void Without_a_share_the_same_trickle_is_never_quiet()
    {
        var clock = new Clock();
        var window = new QuietWindow(new GraphQLWarmUpOptions { QuietJitShare = 0 });

        Assert.Null(Run(window, clock, passes: 500, passMs: 5, jitMsAt: pass => pass % 10 == 0 ? 1 : 0));
    }

    [Fact]
    public void A_busy_JIT_is_not_quiet_until_a_whole_spell_has_passed_without_it()
    {
        // 20 ms passes with 10 ms of compilation each for the first 100 passes, then nothing.
        var clock = new Clock();
        var window = new QuietWindow(Defaults);

        var quietAt = Run(window, clock, passes: 300, passMs: 20, jitMsAt: pass => pass <= 100 ? 10 : 0);

        // 40 passes of 20 ms (800 ms) cover the 400 ms, so the spell is the last 40 passes; 5 % of it
        // is 40 ms, four busy passes: quiet once only passes 97-100 are left in it, at pass 136.
        Assert.InRange(quietAt!.Value, 135, 137);
    }

    [Fact]
    public void Slow_passes_still_need_QuietPasses_of_them()
    {
        var clock = new Clock();
        var window = new QuietWindow(Defaults);

        Assert.Equal(41, Run(window, clock, passes: 100, passMs: 50, jitMsAt: _ => 0));
    }

    [Fact]
    public void Without_a_spell_the_first_pass_is_quiet()
    {
        var clock = new Clock();
        var window = new QuietWindow(new GraphQLWarmUpOptions { QuietPasses = 0, QuietPeriod = TimeSpan.Zero });

        Assert.Equal(1, Run(window, clock, passes: 10, passMs: 5, jitMsAt: _ => 0));
    }

    /// <summary>The 1-based pass after which the window first says quiet, or null.</summary>
    private static int? Run(QuietWindow window, Clock clock, int passes, int passMs, Func<int, int> jitMsAt)
    {
        for (var pass = 1; pass <= passes; pass++)
        {
            clock.Advance(passMs, jitMsAt(pass));
            if (window.Add(clock.Timestamp, clock.JitTime))
            {
                return pass;
            }
        }

        return null;
    }

    private sealed class Clock
    {
        public long Timestamp { get; private set; } = Stopwatch.GetTimestamp();

        public TimeSpan JitTime { get; private set; }

        public void Advance(int milliseconds, int jitMilliseconds)
        {
            Timestamp += milliseconds * Stopwatch.Frequency / 1000;
            JitTime += TimeSpan.FromMilliseconds(jitMilliseconds);
        }
    }
}
