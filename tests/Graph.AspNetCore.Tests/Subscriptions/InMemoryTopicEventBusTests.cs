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
        var nothing = other.MoveNextAsync().AsTask();
        Assert.NotSame(nothing, await Task.WhenAny(nothing, Task.Delay(100)));
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
        var fast = Task.Run(async () =>
        {
            await foreach (var value in bus.Subscribe<int>("t"))
            {
                lock (received)
                {
                    received.Add(value);
                }

                if (value == 99)
                {
                    break;
                }
            }
        });
        await WaitUntilAsync(() => bus.SubscriberCount("t") == 2);

        for (var i = 0; i < 100; i++)
        {
            // Publishing completes at once: it never waits for a subscriber, however far behind.
            var publishing = bus.PublishAsync("t", i);
            Assert.True(publishing.IsCompletedSuccessfully);
            await publishing;
            var expected = i + 1;
            await WaitUntilAsync(() =>
            {
                lock (received)
                {
                    return received.Count == expected;
                }
            });
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
        var subscription = bus.Subscribe<string>("t").Subscribe(new Observer(received));

        await bus.PublishAsync("t", "one");
        await WaitUntilAsync(() => received.Count == 1);
        subscription.Dispose();
        await WaitUntilAsync(() => bus.SubscriberCount("t") == 0);
        await bus.PublishAsync("t", "two");
        await Task.Delay(100);

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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class Observer(List<string> received) : IObserver<string>
    {
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
        }
    }
}
