using Graph.Api.Hosting;

namespace Graph.Api.Tests.Hosting;

public class IdleMemoryPolicyTests
{
    private const long Mb = 1_048_576;
    private readonly IdleMemoryPolicy _policy = new(new IdleMemoryOptions());

    [Fact]
    public void A_busy_server_is_not_trimmed_whatever_it_holds()
    {
        _policy.ShouldTrim(0, 100 * Mb);

        Assert.False(_policy.ShouldTrim(500 * Mb, 400 * Mb));
    }

    [Fact]
    public void An_idle_server_that_holds_much_more_than_after_its_last_trim_is_trimmed_once()
    {
        _policy.ShouldTrim(0, 100 * Mb);
        Assert.True(_policy.ShouldTrim(1 * Mb, 300 * Mb));
        _policy.Trimmed(60 * Mb);

        Assert.False(_policy.ShouldTrim(2 * Mb, 70 * Mb));
    }

    [Fact]
    public void An_idle_server_with_little_to_give_back_is_left_alone()
    {
        _policy.Trimmed(100 * Mb);
        _policy.ShouldTrim(0, 100 * Mb);

        Assert.False(_policy.ShouldTrim(1 * Mb, 110 * Mb));
    }

    [Fact]
    public void After_a_spike_ends_the_next_quiet_look_trims()
    {
        _policy.Trimmed(60 * Mb);
        _policy.ShouldTrim(0, 60 * Mb);
        Assert.False(_policy.ShouldTrim(2_000 * Mb, 300 * Mb)); // the spike

        Assert.True(_policy.ShouldTrim(2_001 * Mb, 300 * Mb)); // quiet again
    }
}
