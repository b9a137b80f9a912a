using System.Diagnostics;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// The clocks of a GraphQL WebSocket: the deadlines (<c>connection_init</c>, the token's expiry) and
/// the housekeeping tick that sends keep-alives and drops a connection whose send is stuck.
/// </summary>
internal static class WebSocketTimers
{
    // A send that takes longer means the client stopped reading: the connection is dropped.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True when <paramref name="timer"/> ran out; false when it was cancelled (the connection ended first).</summary>
    public static async Task<bool> ElapsedAsync(Task timer)
    {
        try
        {
            await timer.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Every tick until the connection closes: aborts it when a send has been stuck longer than
    /// <see cref="SendTimeout"/> (the client stopped reading), else sends the protocol's keep-alive
    /// (when <paramref name="keepAlive"/> is not zero) unless a send is under way.
    /// </summary>
    public static async Task HousekeepAsync(WebSocketChannel channel, TimeSpan keepAlive, TimeProvider time, Func<Task> sendKeepAlive)
    {
        using var timer = new PeriodicTimer(keepAlive > TimeSpan.Zero && keepAlive < SendTimeout ? keepAlive : SendTimeout, time);
        try
        {
            while (await timer.WaitForNextTickAsync(channel.Lifetime).ConfigureAwait(false) && !channel.IsClosing)
            {
                var started = channel.SendStartedAt;
                if (started != 0 && Stopwatch.GetElapsedTime(started) > SendTimeout)
                {
                    channel.Abort();
                    return;
                }

                if (keepAlive > TimeSpan.Zero && started == 0)
                {
                    _ = sendKeepAlive();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }
}
