namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// Publishes messages to named topics and streams them to the topic's subscribers: the source of
/// subscription events. The in-memory implementation (<see cref="InMemoryTopicEventBus"/>) is the
/// default; a backplane (Redis pub/sub) implements the same interface so that a message published on
/// one instance reaches the subscribers of every instance.
/// </summary>
/// <remarks>
/// Implementations must never let a slow subscriber slow the publisher or the other subscribers:
/// each subscriber has a bounded buffer, and one that falls behind by more than the buffer is
/// dropped (its stream ends with a <see cref="SubscriberTooSlowException"/>).
/// </remarks>
public interface ITopicEventBus
{
    /// <summary>
    /// Hands <paramref name="message"/> to every current subscriber of <paramref name="topic"/>.
    /// Completes once the message is queued for each of them, without waiting for any to read it.
    /// </summary>
    ValueTask PublishAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull;

    /// <summary>
    /// The messages published to <paramref name="topic"/> from now on. The stream is cold: each
    /// enumeration (or observer) is a subscriber of its own, registered when enumeration starts
    /// (synchronously, in <c>GetAsyncEnumerator</c> or <c>Subscribe</c>), and removed when it is
    /// disposed. Messages of other types published to the same topic are skipped.
    /// </summary>
    ITopicEvents<TMessage> Subscribe<TMessage>(string topic)
        where TMessage : notnull;
}
