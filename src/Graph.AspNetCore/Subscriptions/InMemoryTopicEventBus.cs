using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// The default <see cref="ITopicEventBus"/>: topics live in this process. Each subscriber has a
/// bounded buffer of <see cref="GraphQLServerOptions.SubscriptionBufferSize"/> messages; publishing
/// never waits for a subscriber, and a subscriber whose buffer is full is dropped (its stream ends
/// with a <see cref="SubscriberTooSlowException"/>) rather than slowing the others or growing
/// without bound. A backplane can reuse it for the local fan-out of messages it receives.
/// </summary>
public sealed class InMemoryTopicEventBus : ITopicEventBus
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly int _bufferSize;

    /// <summary>Creates the bus with the buffer size of the server options.</summary>
    public InMemoryTopicEventBus(IOptions<GraphQLServerOptions> options)
        : this(options?.Value.SubscriptionBufferSize ?? new GraphQLServerOptions().SubscriptionBufferSize)
    {
    }

    /// <summary>Creates the bus with a buffer of <paramref name="bufferSize"/> messages per subscriber.</summary>
    public InMemoryTopicEventBus(int bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _bufferSize = bufferSize;
    }

    /// <summary>How many subscribers <paramref name="topic"/> has now.</summary>
    public int SubscriberCount(string topic) => _topics.TryGetValue(topic, out var t) ? t.Count : 0;

    /// <summary>How many subscribers have been dropped for falling behind, since start.</summary>
    public long DroppedSubscribers => Interlocked.Read(ref _dropped);

    private long _dropped;

    /// <inheritdoc />
    public ValueTask PublishAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (_topics.TryGetValue(topic, out var target))
        {
            foreach (var subscriber in target.Subscribers)
            {
                if (!subscriber.Writer.TryWrite(message))
                {
                    Drop(subscriber);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ITopicEvents<TMessage> Subscribe<TMessage>(string topic)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new TopicEvents<TMessage>(this, topic);
    }

    private Subscriber Add(string topic)
    {
        var subscriber = new Subscriber(topic, _bufferSize);
        var spin = default(SpinWait);
        while (!_topics.GetOrAdd(topic, static name => new Topic(name)).TryAdd(subscriber))
        {
            // The topic lost its last subscriber and is being removed: wait for a fresh one.
            spin.SpinOnce();
        }

        return subscriber;
    }

    private void Remove(Subscriber subscriber)
    {
        if (_topics.TryGetValue(subscriber.Topic, out var topic) && topic.Remove(subscriber))
        {
            _topics.TryRemove(new KeyValuePair<string, Topic>(subscriber.Topic, topic));
        }

        subscriber.Writer.TryComplete();
    }

    private void Drop(Subscriber subscriber)
    {
        if (subscriber.Writer.TryComplete(new SubscriberTooSlowException(subscriber.Topic, _bufferSize)))
        {
            Interlocked.Increment(ref _dropped);
        }

        Remove(subscriber);
    }

    /// <summary>One subscriber: its buffer. Full mode Wait makes a full buffer visible to TryWrite, so the subscriber is dropped instead of silently losing events.</summary>
    private sealed class Subscriber(string topic, int capacity)
    {
        private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });

        public string Topic { get; } = topic;

        public ChannelWriter<object> Writer => _channel.Writer;

        public ChannelReader<object> Reader => _channel.Reader;
    }

    /// <summary>A topic's subscribers: an array replaced on every change, so publishing reads it without a lock.</summary>
    private sealed class Topic(string name)
    {
        private readonly Lock _gate = new();
        private volatile Subscriber[] _subscribers = [];
        private bool _removed;

        public string Name { get; } = name;

        public Subscriber[] Subscribers => _subscribers;

        public int Count => _subscribers.Length;

        public bool TryAdd(Subscriber subscriber)
        {
            lock (_gate)
            {
                if (_removed)
                {
                    return false;
                }

                _subscribers = [.. _subscribers, subscriber];
                return true;
            }
        }

        /// <summary>Removes the subscriber; true when the topic is now empty and must leave the bus.</summary>
        public bool Remove(Subscriber subscriber)
        {
            lock (_gate)
            {
                var index = Array.IndexOf(_subscribers, subscriber);
                if (index < 0)
                {
                    return false;
                }

                var next = new Subscriber[_subscribers.Length - 1];
                Array.Copy(_subscribers, 0, next, 0, index);
                Array.Copy(_subscribers, index + 1, next, index, next.Length - index);
                _subscribers = next;
                _removed = next.Length == 0;
                return _removed;
            }
        }
    }

    private sealed class TopicEvents<TMessage>(InMemoryTopicEventBus bus, string topic) : ITopicEvents<TMessage>
        where TMessage : notnull
    {
        public string Topic => topic;

        public IAsyncEnumerator<TMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator<TMessage>(bus, bus.Add(topic), cancellationToken);

        public IDisposable Subscribe(IObserver<TMessage> observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            var cancellation = new CancellationTokenSource();
            var enumerator = new Enumerator<TMessage>(bus, bus.Add(topic), cancellation.Token);
            _ = PumpAsync(enumerator, observer, cancellation.Token);
            return new Unsubscriber(cancellation);
        }

        private static async Task PumpAsync(Enumerator<TMessage> enumerator, IObserver<TMessage> observer, CancellationToken cancellationToken)
        {
            await using (enumerator.ConfigureAwait(false))
            {
                try
                {
                    while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        observer.OnNext(enumerator.Current);
                    }

                    if (!cancellationToken.IsCancellationRequested)
                    {
                        observer.OnCompleted();
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Unsubscribed: nothing more is delivered.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    observer.OnError(ex);
                }
            }
        }
    }

    private sealed class Enumerator<TMessage>(InMemoryTopicEventBus bus, Subscriber subscriber, CancellationToken cancellationToken) : IAsyncEnumerator<TMessage>
    {
        public TMessage Current { get; private set; } = default!;

        public async ValueTask<bool> MoveNextAsync()
        {
            var reader = subscriber.Reader;
            while (true)
            {
                while (reader.TryRead(out var item))
                {
                    if (item is TMessage message)
                    {
                        Current = message;
                        return true;
                    }
                }

                if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            bus.Remove(subscriber);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Unsubscriber(CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already unsubscribed.
            }
        }
    }
}
