using Graph.AspNetCore.Subscriptions;

namespace Graph.AspNetCore.Tests.Subscriptions;

public sealed class InMemoryTopicEventBusTests
{
    [Fact]
    public async Task A_message_reaches_every_subscriber_of_its_topic_and_no_other()
    {
        var bus = new InMemoryTopicEventBus(bufferSize: 8);
        await using var first = bus.Subscribe<string>("a").GetAsyncEnumerator();
        await using var second = bus.Subscribe<string>("a").GetAsyncEnumerator();
        await using var other = bus.Subscribe<string>("b").GetAsyncEnumerator();

        await bus.PublishAsync("a", "hello");

        Assert.True(await first.MoveNextAsync());
        Assert.Equal("hello", first.Current);
        Assert.True(await second.MoveNextAsync());
        Assert.Equal("hello", second.Current);

        // Each subscriber receives in publish order: had "hello" reached the other topic, it would come first.
        await bus.PublishAsync("b", "marker");
        Assert.True(await other.MoveNextAsync());
        Assert.Equal("marker", other.Current);
    }

    [Fact]
    public async Task A_subscriber_is_registered_when_enumeration_starts_and_removed_when_disposed()
    {
        var bus = new InMemoryTopicEventBus(bufferSize: 8);
        var stream = bus.Subscribe<int>("t");
        Assert.Equal(0, bus.SubscriberCount("t"));

        var enumerator = stream.GetAsyncEnumerator();
        Assert.Equal(1, bus.SubscriberCount("t"));

        await enumerator.DisposeAsync();
        Assert.Equal(0, bus.SubscriberCount("t"));
    }

    [Fact]
    public async Task A_slow_subscriber_is_dropped_with_an_error_and_never_slows_the_others()
    {
        var bus = new InMemoryTopicEventBus(bufferSize: 4);
        await using var slow = bus.Subscribe<int>("t").GetAsyncEnumerator();
        var received = new List<int>();
        using var arrived = new SemaphoreSlim(0);

        // Registered now (enumeration has started), read on another thread.
        var fastEvents = bus.Subscribe<int>("t").GetAsyncEnumerator();
        var fast = Task.Run(async () =>
        {
            await using (fastEvents)
            {
                while (await fastEvents.MoveNextAsync())
                {
                    lock (received)
                    {
                        received.Add(fastEvents.Current);
                    }

                    arrived.Release();
                    if (fastEvents.Current == 99)
                    {
                        break;
                    }
                }
            }
        });
        Assert.Equal(2, bus.SubscriberCount("t"));

        for (var i = 0; i < 100; i++)
        {
            // Publishing completes at once: it never waits for a subscriber, however far behind.
            var publishing = bus.PublishAsync("t", i);
            Assert.True(publishing.IsCompletedSuccessfully);
            await publishing;
            Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)), $"The fast subscriber did not receive {i}.");
        }

        await fast.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(0, 100), received);

        // The slow one still gets what its buffer held, then the error that ended it.
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await slow.MoveNextAsync());
            Assert.Equal(i, slow.Current);
        }

        var error = await Assert.ThrowsAsync<SubscriberTooSlowException>(async () => await slow.MoveNextAsync());
        Assert.Equal("t", error.Topic);
        Assert.Equal(1, bus.DroppedSubscribers);
        Assert.Equal(0, bus.SubscriberCount("t"));
    }

    [Fact]
    public async Task Observers_receive_messages_until_they_unsubscribe()
    {
        var bus = new InMemoryTopicEventBus(bufferSize: 8);
        var received = new List<string>();
        var observer = new Observer(received);
        var subscription = bus.Subscribe<string>("t").Subscribe(observer);

        await bus.PublishAsync("t", "one");
        await observer.First.WaitAsync(TimeSpan.FromSeconds(5));
        subscription.Dispose();

        // Disposal unregisters from the bus on the observer's own loop; nothing announces it.
        await Eventually.WaitUntilAsync(() => bus.SubscriberCount("t") == 0, "the disposed subscriber is let go", TimeSpan.FromSeconds(5));

        // A subscriber registered after the disposal receives "two": by then the bus has handed it to
        // every subscriber it has, and the disposed one is not among them.
        await using var probe = bus.Subscribe<string>("t").GetAsyncEnumerator();
        await bus.PublishAsync("t", "two");
        Assert.True(await probe.MoveNextAsync());
        Assert.Equal("two", probe.Current);

        Assert.Equal(["one"], received);
    }

    [Fact]
    public async Task Messages_of_another_type_on_the_topic_are_skipped()
    {
        var bus = new InMemoryTopicEventBus(bufferSize: 8);
        await using var strings = bus.Subscribe<string>("t").GetAsyncEnumerator();

        await bus.PublishAsync("t", 42);
        await bus.PublishAsync("t", "text");

        Assert.True(await strings.MoveNextAsync());
        Assert.Equal("text", strings.Current);
    }

    [Fact]
    public async Task Many_subscribers_come_and_go_concurrently_without_losing_a_registration()
    {
        var bus = new InMemoryTopicEventBus(bufferSize: 8);
        var enumerators = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => bus.Subscribe<int>("t").GetAsyncEnumerator())));
        Assert.Equal(200, bus.SubscriberCount("t"));

        await Task.WhenAll(enumerators.Take(100).Select(e => Task.Run(async () => await e.DisposeAsync())));
        Assert.Equal(100, bus.SubscriberCount("t"));

        await bus.PublishAsync("t", 7);
        foreach (var enumerator in enumerators.Skip(100))
        {
            Assert.True(await enumerator.MoveNextAsync());
            Assert.Equal(7, enumerator.Current);
            await enumerator.DisposeAsync();
        }

        Assert.Equal(0, bus.SubscriberCount("t"));
    }

    private sealed class Observer(List<string> received) : IObserver<string>
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the first message has been received.</summary>
        public Task First => _first.Task;

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(string value)
        {
            lock (received)
            {
                received.Add(value);
            }

            _first.TrySetResult();
        }
    }
}
