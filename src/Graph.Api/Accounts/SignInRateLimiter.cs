using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Accounts;

/// <summary>
/// Limits <c>logIn</c> and <c>signUp</c> per client address (a fixed window per minute), so that
/// passwords cannot be guessed at speed. Built on System.Threading.RateLimiting, ASP.NET Core's limiter.
/// </summary>
public sealed class SignInRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInRateLimiter(IOptions<AuthOptions> options)
    {
        var permits = options.Value.SignInAttemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Takes one attempt for the address; false when its window is used up.</summary>
    public bool TryAcquire(string clientAddress)
    {
        using var lease = _limiter.AttemptAcquire(clientAddress);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
