namespace Graph.Api.Subscriptions;

/// <summary>The <c>Outbox</c> configuration section: how committed events are published.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the outbox is read when nothing nudged the dispatcher sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most events published (and marked sent) per read.</summary>
    public int BatchSize { get; set; } = 100;
}
