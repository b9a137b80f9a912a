using Graph.AspNetCore.Connections;

namespace Graph.AspNetCore.Tests.Connections;

public sealed class ConnectionLimiterTests
{
    [Fact]
    public void The_instance_limit_refuses_first_then_the_client_then_the_user()
    {
        var limiter = new ConnectionLimiter(max: 3, maxPerClient: 2, maxPerUser: 1);

        Assert.NotNull(limiter.TryAcquire("a", "alice", out _));
        Assert.Null(limiter.TryAcquire("b", "alice", out var refusal));
        Assert.Equal(ConnectionRefusal.User, refusal);
        Assert.NotNull(limiter.TryAcquire("a", null, out _));
        Assert.Null(limiter.TryAcquire("a", null, out refusal));
        Assert.Equal(ConnectionRefusal.Client, refusal);
        Assert.NotNull(limiter.TryAcquire("b", "bob", out _));
        Assert.Null(limiter.TryAcquire("c", null, out refusal));
        Assert.Equal(ConnectionRefusal.Instance, refusal);
        Assert.Equal(3, limiter.Count);
    }

    [Fact]
    public void A_refused_connection_takes_no_slot_and_a_lease_gives_its_slot_back_once()
    {
        var limiter = new ConnectionLimiter(max: 0, maxPerClient: 1, maxPerUser: 0);
        var lease = limiter.TryAcquire("a", "alice", out _)!;
        Assert.Null(limiter.TryAcquire("a", "alice", out _));

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(0, limiter.Count);
        Assert.Equal(0, limiter.CountOf("a"));
        Assert.NotNull(limiter.TryAcquire("a", "alice", out _));
        Assert.Equal(1, limiter.Count);
    }

    [Fact]
    public void Zero_turns_every_limit_off()
    {
        var limiter = new ConnectionLimiter(0, 0, 0);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.NotNull(limiter.TryAcquire("a", "alice", out _));
        }

        Assert.Equal(1_000, limiter.CountOf("a"));
    }

    [Fact]
    public async Task Concurrent_connections_never_pass_the_limits()
    {
        var limiter = new ConnectionLimiter(max: 10, maxPerClient: 0, maxPerUser: 0);
        var leases = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => limiter.TryAcquire("a", null, out _))));

        Assert.Equal(10, leases.Count(l => l is not null));
        foreach (var lease in leases)
        {
            lease?.Dispose();
        }

        Assert.Equal(0, limiter.Count);
    }
}
