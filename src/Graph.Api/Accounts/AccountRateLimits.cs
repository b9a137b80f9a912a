using Graph.AspNetCore.Execution;
using GraphQL;

namespace Graph.Api.Accounts;

/// <summary>The <c>RATE_LIMITED</c> error of the sign-in limits, with the whole seconds to wait in <c>extensions.retryAfter</c>, as HTTP's Retry-After has them.</summary>
internal static class AccountRateLimits
{
    public static ExecutionError RateLimited(string message, TimeSpan wait) =>
        new(message) { Code = ErrorCodes.RateLimited, Extensions = new() { ["retryAfter"] = Seconds(wait) } };

    public static int Seconds(TimeSpan wait) => (int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1));
}
