using Graph.AspNetCore.Connections;

namespace Graph.AspNetCore.Tests.Connections;

public sealed class PendingBytesTests
{
    [Fact]
    public void Messages_wait_up_to_the_limit_and_the_one_past_it_is_refused_without_being_counted()
    {
        var pending = new PendingBytes(100);

        Assert.True(pending.TryAdd(60));
        Assert.True(pending.TryAdd(40));
        Assert.False(pending.TryAdd(1));

        pending.Remove(60);
        Assert.True(pending.TryAdd(60));
        Assert.False(pending.TryAdd(1));
    }

    [Fact]
    public void A_message_larger_than_the_limit_goes_when_nothing_waits_but_nothing_may_queue_behind_it()
    {
        var pending = new PendingBytes(100);

        Assert.True(pending.TryAdd(500));
        Assert.False(pending.TryAdd(1));

        pending.Remove(500);
        Assert.True(pending.TryAdd(100));
    }

    [Fact]
    public void Zero_turns_the_limit_off()
    {
        var pending = new PendingBytes(0);

        Assert.True(pending.TryAdd(int.MaxValue));
        Assert.True(pending.TryAdd(int.MaxValue));
    }
}
