namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// The messages of one topic, to be pulled (<see cref="IAsyncEnumerable{T}"/>, which lets the reader's
/// pace be seen by the bus) or observed (<see cref="IObservable{T}"/>, which graphql-dotnet's stream
/// resolvers return). The serving layer's subscription execution pulls when it is given one.
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
public interface ITopicEvents<out TMessage> : IAsyncEnumerable<TMessage>, IObservable<TMessage>
{
    /// <summary>The topic.</summary>
    string Topic { get; }
}
