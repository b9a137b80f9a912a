using System.Security.Claims;
using System.Text.Json;
using Graph.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// The user of a WebSocket's <c>connection_init</c>: the token in its payload (<c>authorization</c>
/// or <c>Authorization</c>, with or without <c>Bearer</c>) when there is one, checked by the
/// application's <see cref="IConnectionTokenValidator"/>; else the upgrade request's user
/// (<see cref="StreamingAuthentication"/>).
/// </summary>
internal sealed partial class ConnectionInitAuthenticator(IConnectionTokenValidator? validator, TimeProvider time, ILogger logger)
{
    /// <summary>The user and when its credentials expire; a null user when credentials were given and refused, or have expired.</summary>
    public async Task<(ClaimsPrincipal? User, DateTimeOffset? ExpiresAt)> AuthenticateAsync(JsonElement payload, HttpContext upgrade, CancellationToken cancellationToken)
    {
        ClaimsPrincipal user;
        DateTimeOffset? expiresAt;
        if (TokenOf(payload) is { } token)
        {
            if (token.Length == 0 || validator is null)
            {
                return (null, null);
            }

            ConnectionTokenValidation? validation;
            try
            {
                validation = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A token the validator cannot even read is refused like any other bad token.
                LogTokenValidationFailed(logger, ex);
                return (null, null);
            }

            if (validation is null)
            {
                return (null, null);
            }

            (user, expiresAt) = (validation.User, validation.ExpiresAt ?? StreamingAuthentication.ExpiryClaim(validation.User));
        }
        else
        {
            (user, expiresAt, var failed) = await StreamingAuthentication.FromRequestAsync(upgrade).ConfigureAwait(false);
            if (failed)
            {
                return (null, null);
            }
        }

        return expiresAt is { } expiry && expiry <= time.GetUtcNow() ? (null, null) : (user, expiresAt);
    }

    private static string? TokenOf(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["authorization", "Authorization"])
        {
            if (payload.TryGetProperty(name, out var value))
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : string.Empty;
                return text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text["Bearer ".Length..].Trim() : text;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection token validator failed; the connection is refused")]
    private static partial void LogTokenValidationFailed(ILogger logger, Exception exception);
}
