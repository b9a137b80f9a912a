namespace Graph.Api.Outbox;

/// <summary>The <c>Outbox</c> configuration section: how committed events are published.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the outbox is read when nothing nudged the dispatcher sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most events published (and marked sent) per read.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long a dispatcher holds the rows it claimed. A dispatcher that died mid-batch leaves them
    /// to the others after this; one still alive past it may see them published twice (subscribers
    /// drop the repeat by outbox id). Far above the time a batch takes.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between retries while the bus fails (the wait doubles from <see cref="PollInterval"/>).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long sent rows are kept (for inspection) before they are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often sent rows older than <see cref="Retention"/> are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}
