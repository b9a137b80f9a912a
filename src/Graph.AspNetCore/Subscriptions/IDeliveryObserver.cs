namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// An observer that can make the response stream wait until a result is delivered (written to the
/// client), so a slow client slows only its own subscription, whose bounded buffer then overflows.
/// </summary>
internal interface IDeliveryObserver<in T> : IObserver<T>
{
    ValueTask OnNextAsync(T value, CancellationToken cancellationToken);
}
