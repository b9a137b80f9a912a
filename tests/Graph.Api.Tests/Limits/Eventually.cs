namespace Graph.Api.Tests.Limits;

/// <summary>Waits for a condition on the server's state that no message announces (a connection's slot given back).</summary>
public static class Eventually
{
    /// <summary>Checks <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/> (30 s by default).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
