using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// The user of a long-lived connection (WebSocket, server-sent events) as the request that opened it
/// was authenticated, and when that authentication runs out.
/// </summary>
internal static class StreamingAuthentication
{
    /// <summary>
    /// The request's user and the expiry of its credentials; <c>Failed</c> is true when the request
    /// carried credentials that the default authentication scheme refused (a bad token), which a
    /// long-lived connection must not silently downgrade to anonymous.
    /// </summary>
    public static async ValueTask<(ClaimsPrincipal User, DateTimeOffset? ExpiresAt, bool Failed)> FromRequestAsync(HttpContext context)
    {
        // The authentication middleware keeps a successful result only; a refused one is asked for
        // again (the handler answers from its per-request cache).
        var result = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
        if (result is null && context.Request.Headers.Authorization.Count > 0
            && context.RequestServices.GetService<IAuthenticationSchemeProvider>() is { } schemes
            && await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is not null)
        {
            result = await context.AuthenticateAsync().ConfigureAwait(false);
        }

        return (context.User, result?.Properties?.ExpiresUtc ?? ExpiryClaim(context.User), result?.Failure is not null);
    }

    /// <summary>The JWT <c>exp</c> claim (seconds since the epoch), when the principal carries one.</summary>
    public static DateTimeOffset? ExpiryClaim(ClaimsPrincipal? user) =>
        user?.FindFirst("exp")?.Value is { } value
            && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>
    /// Completes when the credentials of a signed-in <paramref name="user"/> end: true when they were
    /// revoked (the application's <see cref="ICredentialRevocationMonitor"/>), false when
    /// <paramref name="expiresAt"/> has passed. Cancelled with <paramref name="cancellationToken"/>.
    /// An anonymous user has nothing to revoke, and costs no monitor.
    /// </summary>
    public static async Task<bool> WhenCredentialsEndAsync(ClaimsPrincipal? user, DateTimeOffset? expiresAt, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var monitor = user?.Identity?.IsAuthenticated == true ? services.GetService<ICredentialRevocationMonitor>() : null;
        if (monitor is null)
        {
            await WhenExpiredAsync(expiresAt, time, cancellationToken).ConfigureAwait(false);
            return false;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expired = WhenExpiredAsync(expiresAt, time, stop.Token);
        var revoked = monitor.WhenRevokedAsync(user!, stop.Token);
        var first = await Task.WhenAny(expired, revoked).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await first.ConfigureAwait(false);
        return first == revoked;
    }

    /// <summary>The error an event stream ends with when its credentials expired or were revoked.</summary>
    public static GraphQL.ExecutionError EndedError(bool revoked) =>
        new(revoked ? "The token has been revoked; sign in again." : "The token has expired; subscribe again with a fresh one.") { Code = AuthorizationError.NotAuthenticated };

    /// <summary>Completes when <paramref name="expiresAt"/> has passed (never, when it is null).</summary>
    public static Task WhenExpiredAsync(DateTimeOffset? expiresAt, TimeProvider time, CancellationToken cancellationToken)
    {
        if (expiresAt is null)
        {
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var due = expiresAt.Value - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        // Task.Delay takes at most about 49 days; a token living longer is checked again then.
        var max = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        return due > max
            ? Task.Delay(max, time, cancellationToken).ContinueWith(_ => WhenExpiredAsync(expiresAt, time, cancellationToken), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap()
            : Task.Delay(due, time, cancellationToken);
    }
}
