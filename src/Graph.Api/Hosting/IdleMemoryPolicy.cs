namespace Graph.Api.Hosting;

/// <summary>
/// When an idle server gives its memory back: it allocated next to nothing since the last look
/// (so no request is running that would miss the memory), and its heap holds much more than it did
/// after the last trim (so there is something to give back). Kept apart from the timer so the
/// decision is tested without one.
/// </summary>
public sealed class IdleMemoryPolicy(IdleMemoryOptions options)
{
    private long _lastAllocated;
    private long _committedAfterTrim;

    /// <summary>Looks at the process's counters now; true when it should trim.</summary>
    public bool ShouldTrim(long totalAllocatedBytes, long committedBytes)
    {
        var allocated = totalAllocatedBytes - _lastAllocated;
        _lastAllocated = totalAllocatedBytes;
        return allocated <= options.IdleAllocationBytes && committedBytes - _committedAfterTrim >= options.MinimumGainBytes;
    }

    /// <summary>Records what the heap holds after a trim.</summary>
    public void Trimmed(long committedBytes) => _committedAfterTrim = committedBytes;
}
