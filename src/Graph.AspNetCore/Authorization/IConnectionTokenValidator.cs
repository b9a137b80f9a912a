namespace Graph.AspNetCore.Authorization;

/// <summary>
/// Validates the bearer token a WebSocket client sends in its <c>connection_init</c> payload
/// (<c>{ "authorization": "Bearer …" }</c>), the way the application validates the
/// <c>Authorization</c> header of an HTTP request. The application registers one (the serving layer
/// does not know how its tokens are made); without one, a payload token is refused.
/// </summary>
public interface IConnectionTokenValidator
{
    /// <summary>The user the token stands for, or null when the token is not valid.</summary>
    /// <param name="token">The token, without its <c>Bearer</c> prefix.</param>
    /// <param name="cancellationToken">Cancelled when the connection ends.</param>
    ValueTask<ConnectionTokenValidation?> ValidateAsync(string token, CancellationToken cancellationToken);
}
