namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Runs a round of requests that a per-minute window counts (the sign-in limit counts one window per
/// clock minute) so that the whole round falls in one window.
/// </summary>
public static class MinuteWindow
{
    /// <summary>
    /// Runs <paramref name="round"/>; when a minute boundary fell inside it, waits for the next minute
    /// to begin and runs it again. Starting again at once would be wrong: the attempts made after the
    /// boundary have already used part of the new window. A round started at the top of a minute
    /// stays inside it unless it takes a whole minute.
    /// </summary>
    public static async Task<T> RunInOneWindowAsync<T>(Func<int, Task<T>> round)
    {
        for (var attempt = 0; ; attempt++)
        {
            var minute = Minute(DateTime.UtcNow);
            var result = await round(attempt);
            var now = DateTime.UtcNow;
            if (Minute(now) == minute)
            {
                return result;
            }

            if (attempt == 1)
            {
                throw new TimeoutException("A round started at the top of a minute did not end within it.");
            }

            // A little past the boundary, so that no clock on this machine is still in the old minute.
            var next = new DateTime((Minute(now) + 1) * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
            await Task.Delay(next - now + TimeSpan.FromMilliseconds(100));
        }
    }

    private static long Minute(DateTime time) => time.Ticks / TimeSpan.TicksPerMinute;
}
