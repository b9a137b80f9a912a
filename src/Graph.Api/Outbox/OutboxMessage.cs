namespace Graph.Api.Outbox;

/// <summary>
/// A domain event written in the same transaction as the change that caused it; a dispatcher
/// publishes it after commit and marks it sent (src/Graph.AspNetCore/README.md: writes and live events).
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The event's name, e.g. <c>OrderPlaced</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>Null until published.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>The dispatcher publishing the row now (one of several instances); null when none has claimed it.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses: a dispatcher that died with the row claimed leaves it to another after this.</summary>
    public DateTime? ClaimedUntil { get; set; }
}
