using Graph.AspNetCore.WarmUp;

namespace Graph.AspNetCore.Tests.WarmUp;

/// <summary>How long the warm-up steps aside for the JIT after a pass: while the process stays busy without it, at most the pass's length.</summary>
public sealed class JitPauseTests
{
    [Fact]
    public async Task It_waits_while_the_process_stays_busy_and_stops_at_the_first_idle_slice()
    {
        // The JIT compiles through three slices, then has nothing left.
        var process = new Process(busySlices: 3);

        await process.Pause.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal(4, process.Slices); // three busy ones, and the idle one that ended it
    }

    [Fact]
    public async Task An_idle_process_ends_the_pause_after_one_slice()
    {
        var process = new Process(busySlices: 0);

        await process.Pause.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal(1, process.Slices);
    }

    [Fact]
    public async Task A_process_that_never_goes_idle_is_given_the_pass_s_length_and_no_more()
    {
        // As on a machine with more cores: the JIT compiles beside the warm-up, the clock never stops.
        var process = new Process(busySlices: int.MaxValue);

        await process.Pause.WaitAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None);

        Assert.Equal(10 / (int)JitPause.Slice.TotalMilliseconds, process.Slices);
    }

    [Fact]
    public async Task A_pass_shorter_than_a_slice_is_paused_for_no_longer_than_itself()
    {
        var process = new Process(busySlices: int.MaxValue);

        await process.Pause.WaitAsync(TimeSpan.FromMilliseconds(3), CancellationToken.None);

        Assert.Equal([JitPause.Slice, TimeSpan.FromMilliseconds(1)], process.Requested);
    }

    [Fact]
    public async Task A_little_background_work_in_a_slice_is_idle()
    {
        // A timer or a probe: under half the slice.
        var process = new Process(busySlices: 0, idleWork: JitPause.Slice / 4);

        await process.Pause.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal(1, process.Slices);
    }

    [Fact]
    public async Task Cancellation_ends_the_pause()
    {
        var process = new Process(busySlices: int.MaxValue);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => process.Pause.WaitAsync(TimeSpan.FromSeconds(1), cancelled.Token));
    }

    /// <summary>A process whose CPU clock runs through each slice the warm-up sleeps while it is busy.</summary>
    private sealed class Process
    {
        private readonly int _busySlices;
        private readonly TimeSpan _idleWork;
        private TimeSpan _cpu;

        public Process(int busySlices, TimeSpan idleWork = default)
        {
            _busySlices = busySlices;
            _idleWork = idleWork;
            Pause = new JitPause(() => _cpu, SleepAsync);
        }

        public JitPause Pause { get; }

        /// <summary>How long each slice asked to sleep.</summary>
        public List<TimeSpan> Requested { get; } = [];

        public int Slices => Requested.Count;

        private Task SleepAsync(TimeSpan slice, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _cpu += Slices < _busySlices ? slice : _idleWork;
            Requested.Add(slice);
            return Task.CompletedTask;
        }
    }
}
