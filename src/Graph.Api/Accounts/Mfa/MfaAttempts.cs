using GraphQL;

namespace Graph.Api.Accounts.Mfa;

/// <summary>How an attempt at a second factor ended, for the per-account limit.</summary>
internal enum AttemptOutcome
{
    /// <summary>Not an answer about the code (no enrolment, a bad ticket): not counted.</summary>
    Abandoned,
    Succeeded,
    Failed,
}

/// <summary>Runs one second-factor attempt under the per-account limit (<see cref="MfaThrottle"/>).</summary>
internal static class MfaAttempts
{
    public static async Task<T> RunAsync<T>(IResolveFieldContext context, int userId, Func<Task<(T Result, AttemptOutcome Outcome)>> attempt)
    {
        var throttle = context.RequestServices!.GetRequiredKeyedService<SignInFailureThrottle>(MfaThrottle.Key);
        var key = MfaThrottle.For(userId);
        if (throttle.TryBegin(key) is { } wait)
        {
            throw AccountRateLimits.RateLimited($"Too many wrong codes for this account; try again in {AccountRateLimits.Seconds(wait)} s.", wait);
        }

        var outcome = AttemptOutcome.Abandoned;
        try
        {
            (var result, outcome) = await attempt();
            return result;
        }
        finally
        {
            switch (outcome)
            {
                case AttemptOutcome.Succeeded:
                    throttle.Succeeded(key);
                    break;
                case AttemptOutcome.Failed:
                    throttle.Failed(key);
                    break;
                default:
                    throttle.Abandoned(key);
                    break;
            }
        }
    }
}
