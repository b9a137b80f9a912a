using Graph.Api.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Hosting;

public sealed class IdleMemoryTrimmerTests
{
    [Fact]
    public async Task Disposed_without_being_stopped_it_ends_quietly()
    {
        // What a host that failed to start does: it disposes its services without stopping them. The
        // host logs a background service whose task ends cancelled or faulted as failed (and stops the
        // application with a critical entry), which would point an operator at this service.
        var trimmer = new IdleMemoryTrimmer(
            Options.Create(new IdleMemoryOptions { TrimWhenIdle = true, CheckInterval = TimeSpan.FromMinutes(5) }),
            NullLogger<IdleMemoryTrimmer>.Instance);
        await trimmer.StartAsync(CancellationToken.None);
        var execution = trimmer.ExecuteTask!;
        // The host runs ExecuteAsync on the thread pool; a token cancelled before it began would cancel
        // the task before any of its code ran. Give it time to reach its wait, where the host found it.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(execution.IsCompleted);

        trimmer.Dispose();
        await execution.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(execution.IsCompletedSuccessfully, execution.Status.ToString());
    }
}
