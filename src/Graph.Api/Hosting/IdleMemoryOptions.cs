namespace Graph.Api.Hosting;

/// <summary>The <c>Memory</c> section: giving memory back to the machine once a spike is over.</summary>
public sealed class IdleMemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>Whether an idle server returns the memory a spike left behind (on by default).</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the server looks whether it is idle.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many bytes allocated since the last look counts as idle.</summary>
    public long IdleAllocationBytes { get; set; } = 16 * 1_048_576;

    /// <summary>The heap must hold at least this much more than after the last trim for a trim to be worth it.</summary>
    public long MinimumGainBytes { get; set; } = 32 * 1_048_576;
}
