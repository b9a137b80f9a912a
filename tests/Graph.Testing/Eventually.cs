using Xunit;

namespace Graph.Testing;

/// <summary>
/// Waits for a condition on state that nothing announces (a connection's slot given back, a
/// subscriber let go on its own loop, a row another process wrote). Where something does announce
/// what a test waits for, the test waits for that signal instead (<see cref="Arrivals{T}"/>).
/// </summary>
public static class Eventually
{
    /// <summary>How often the condition is checked: the time between is a poll's, not an ordering.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Checks <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/> (30 s by default).</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>The same for a condition that has to ask another process.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(Interval);
        }
    }
}
