using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Graph.Api.Accounts;

/// <summary>
/// Slows password guessing at one account from any number of addresses: after
/// <see cref="AuthOptions.FreeSignInFailures"/> consecutive failed <c>logIn</c>s for an email, the
/// next attempt must wait a delay that doubles with every further failure (1 s, 2 s, 4 s …, at most
/// <see cref="AuthOptions.MaxSignInDelay"/>); a success resets the count. The key is the normalised
/// email whether or not an account has it, so the answer tells nothing about which accounts exist.
/// </summary>
/// <remarks>
/// One attempt per email is checked at a time: concurrent attempts beyond the first are refused, so a
/// burst cannot get many guesses in before the first failure is counted. The store is a
/// <see cref="MemoryCache"/> with a size limit (<see cref="AuthOptions.SignInThrottleEntries"/>) and a
/// sliding expiry, so made-up emails cannot grow it without bound; the per-address limit
/// (<see cref="SignInRateLimiter"/>) bounds how fast any one client can add entries.
/// </remarks>
public sealed class SignInFailureThrottle : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly TimeProvider _time;
    private readonly AuthOptions _options;

    public SignInFailureThrottle(IOptions<AuthOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.SignInThrottleEntries });
    }

    /// <summary>
    /// The wait after <paramref name="failures"/> consecutive failures: none before the free ones are
    /// used up, then 1 s after the last free one, doubling with each further failure up to the cap.
    /// </summary>
    public static TimeSpan DelayAfter(int failures, int freeFailures, TimeSpan max)
    {
        var over = failures - freeFailures;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }

        // 2^over seconds, computed without overflow for any count.
        var seconds = over > 30 ? double.MaxValue : Math.Pow(2, over);
        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Starts an attempt for <paramref name="email"/> (normalised): null when it may go ahead, which
    /// must be followed by <see cref="Succeeded"/> or <see cref="Failed"/>; otherwise how long to wait.
    /// </summary>
    public TimeSpan? TryBegin(string email)
    {
        var entry = _entries.GetOrCreate(email, item =>
        {
            item.Size = 1;
            item.SlidingExpiration = _options.MaxSignInDelay + TimeSpan.FromMinutes(15);
            return new Entry();
        })!;
        lock (entry)
        {
            var wait = entry.BlockedUntil - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            if (entry.InFlight)
            {
                return TimeSpan.FromSeconds(1);
            }

            entry.InFlight = true;
            return null;
        }
    }

    /// <summary>The attempt begun for <paramref name="email"/> signed in: the count starts again.</summary>
    public void Succeeded(string email) => _entries.Remove(email);

    /// <summary>The attempt begun for <paramref name="email"/> failed: counted, and the next one may have to wait.</summary>
    public void Failed(string email)
    {
        if (_entries.Get<Entry>(email) is not { } entry)
        {
            return;
        }

        lock (entry)
        {
            entry.InFlight = false;
            entry.Failures++;
            var delay = DelayAfter(entry.Failures, _options.FreeSignInFailures, _options.MaxSignInDelay);
            entry.BlockedUntil = _time.GetUtcNow() + delay;
        }
    }

    /// <summary>The attempt begun for <paramref name="email"/> ended without an answer (cancelled, an error): not counted.</summary>
    public void Abandoned(string email)
    {
        if (_entries.Get<Entry>(email) is { } entry)
        {
            lock (entry)
            {
                entry.InFlight = false;
            }
        }
    }

    public void Dispose() => _entries.Dispose();

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }

        public bool InFlight { get; set; }
    }
}
