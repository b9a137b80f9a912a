using Graph.Api.Outbox;
using Graph.AspNetCore.Subscriptions;
using Graph.AspNetCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Graph.Api.Subscriptions.Redis;

/// <summary>
/// The <see cref="ITopicEventBus"/> of several instances: an event is published to a Redis channel
/// per topic, and every instance with local subscribers of that topic receives it and fans it out
/// to them through an <see cref="InMemoryTopicEventBus"/> (bounded buffers, slow subscribers dropped,
/// exactly as on one instance). The publishing instance's own subscribers get it back from Redis
/// like everyone else, so nothing is delivered twice.
/// </summary>
/// <remarks>
/// <para>An instance subscribes to a topic's channel when its first local subscriber arrives and
/// unsubscribes when the last one leaves, so short-lived subscriptions leave no channel behind.</para>
/// <para>Publishing fails (throws) unless Redis has accepted the message, so the outbox dispatcher
/// keeps the row and retries: while Redis is away nothing is lost, and mutations go on.</para>
/// <para>Only <see cref="OutboxEvent"/>s travel (the outbox is the only publisher); each carries its
/// outbox id, and an id seen recently is dropped, so an event published twice (a dispatcher that
/// lost its claim after publishing) reaches subscribers once.</para>
/// </remarks>
public sealed partial class RedisTopicEventBus : ITopicEventBus
{
    private readonly IConnectionMultiplexer _redis;
    private readonly InMemoryTopicEventBus _local;
    private readonly RecentOutboxIds _seen;
    private readonly RedisBackplaneOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisTopicEventBus> _logger;
    private readonly Dictionary<string, TopicSubscription> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _changes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _restoredAt;

    public RedisTopicEventBus(
        IConnectionMultiplexer redis,
        IOptions<GraphQLServerOptions> serverOptions,
        IOptions<RedisBackplaneOptions> options,
        TimeProvider time,
        ILogger<RedisTopicEventBus> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _local = new InMemoryTopicEventBus(serverOptions);
        _options = options.Value;
        _seen = new RecentOutboxIds(_options.RecentIds);
        _time = time;
        _logger = logger;
        _restoredAt = long.MinValue;
        _redis.ConnectionRestored += (_, _) => Interlocked.Exchange(ref _restoredAt, _time.GetTimestamp());
    }

    /// <summary>How many topics this instance is subscribed to in Redis now.</summary>
    public int SubscribedTopics
    {
        get
        {
            lock (_gate)
            {
                return _topics.Count;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask PublishAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (message is not OutboxEvent outboxEvent)
        {
            throw new NotSupportedException($"The Redis backplane carries outbox events only, not {typeof(TMessage).Name}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_redis.IsConnected)
        {
            throw new BackplaneUnavailableException("Redis is not connected; the event stays in the outbox.");
        }

        var restoredAt = Interlocked.Read(ref _restoredAt);
        if (restoredAt != long.MinValue && _time.GetElapsedTime(restoredAt) < _options.ResubscribeGrace)
        {
            throw new BackplaneUnavailableException("Redis came back moments ago; waiting for the other instances to resubscribe.");
        }

        // Completes once Redis has accepted the message (the backlog is off: no silent queueing).
        await _redis.GetSubscriber().PublishAsync(Channel(topic), OutboxEventWire.Write(outboxEvent)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ITopicEvents<TMessage> Subscribe<TMessage>(string topic)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new TopicEvents<TMessage>(this, topic);
    }

    private RedisChannel Channel(string topic) => RedisChannel.Literal(_options.RedisPrefix + "events:" + topic);

    // A local subscriber arrives: the first one of a topic subscribes this instance to its channel.
    private void Acquire(string topic)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var existing))
            {
                existing.Count++;
                return;
            }

            var subscription = new TopicSubscription(topic, this);
            _topics.Add(topic, subscription);

            // Restored by the multiplexer after a reconnect. Chained after any unsubscribe of the same
            // topic still in flight, so the server never ends up with the order reversed.
            Chain(topic, () => _redis.GetSubscriber().SubscribeAsync(Channel(topic), subscription.Handler));
        }
    }

    // A local subscriber leaves: the last one of a topic unsubscribes this instance from its channel.
    private void Release(string topic)
    {
        lock (_gate)
        {
            if (!_topics.TryGetValue(topic, out var subscription) || --subscription.Count > 0)
            {
                return;
            }

            _topics.Remove(topic);
            Chain(topic, () => _redis.GetSubscriber().UnsubscribeAsync(Channel(topic), subscription.Handler));
        }
    }

    // Runs a topic's subscription changes one after another (called under the gate).
    private void Chain(string topic, Func<Task> change)
    {
        var previous = _changes.TryGetValue(topic, out var pending) ? pending : Task.CompletedTask;
        var next = previous.ContinueWith(_ => change(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        _changes[topic] = next;
        next.ContinueWith(
            t =>
            {
                if (t.IsFaulted)
                {
                    LogSubscriptionFailed(_logger, t.Exception!.GetBaseException(), topic);
                }

                lock (_gate)
                {
                    if (_changes.TryGetValue(topic, out var last) && last == t)
                    {
                        _changes.Remove(topic);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private void Receive(string topic, RedisValue value)
    {
        if (OutboxEventWire.Read(value.ToString()) is not { } outboxEvent)
        {
            LogUnreadable(_logger, topic);
            return;
        }

        if (_seen.TryAdd(outboxEvent.OutboxId))
        {
            // Completes at once: the in-memory bus only queues (or drops a subscriber that is too slow).
            _local.PublishAsync(topic, outboxEvent).AsTask().GetAwaiter().GetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Redis message on topic {Topic} could not be read; dropped")]
    private static partial void LogUnreadable(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Changing the Redis subscription of topic {Topic} failed; the multiplexer restores subscriptions when it reconnects")]
    private static partial void LogSubscriptionFailed(ILogger logger, Exception exception, string topic);

    private sealed class TopicSubscription
    {
        public TopicSubscription(string topic, RedisTopicEventBus bus) => Handler = (_, value) => bus.Receive(topic, value);

        public int Count { get; set; } = 1;

        public Action<RedisChannel, RedisValue> Handler { get; }
    }

    private sealed class TopicEvents<TMessage>(RedisTopicEventBus bus, string topic) : ITopicEvents<TMessage>
        where TMessage : notnull
    {
        public string Topic => topic;

        public IAsyncEnumerator<TMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            // Local first, so that nothing received after the Redis subscription finds no subscriber.
            var inner = bus._local.Subscribe<TMessage>(topic).GetAsyncEnumerator(cancellationToken);
            bus.Acquire(topic);
            return new Enumerator<TMessage>(inner, () => bus.Release(topic));
        }

        public IDisposable Subscribe(IObserver<TMessage> observer)
        {
            var inner = bus._local.Subscribe<TMessage>(topic).Subscribe(observer);
            bus.Acquire(topic);
            return new Releaser(inner, () => bus.Release(topic));
        }
    }

    private sealed class Enumerator<TMessage>(IAsyncEnumerator<TMessage> inner, Action release) : IAsyncEnumerator<TMessage>
    {
        private int _disposed;

        public TMessage Current => inner.Current;

        public ValueTask<bool> MoveNextAsync() => inner.MoveNextAsync();

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                release();
            }
        }
    }

    private sealed class Releaser(IDisposable inner, Action release) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            inner.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                release();
            }
        }
    }
}
