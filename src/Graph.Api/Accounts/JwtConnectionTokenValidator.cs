using System.Security.Claims;
using Graph.Api.Accounts.Sessions;
using Graph.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Graph.Api.Accounts;

/// <summary>
/// Validates a WebSocket's <c>connection_init</c> token exactly as the JwtBearer handler validates the
/// <c>Authorization</c> header: the same token handlers and <c>TokenValidationParameters</c> of the
/// default scheme (signing key, algorithm, issuer, audience, lifetime), and its security stamp.
/// </summary>
public sealed class JwtConnectionTokenValidator(IOptionsMonitor<JwtBearerOptions> options, SecurityStampCheck stamps) : IConnectionTokenValidator
{
    public async ValueTask<ConnectionTokenValidation?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = options.Get(JwtBearerDefaults.AuthenticationScheme);
        var handlers = jwt.TokenHandlers.Count > 0 ? jwt.TokenHandlers : [new JsonWebTokenHandler { MapInboundClaims = jwt.MapInboundClaims }];
        foreach (var handler in handlers)
        {
            var result = await handler.ValidateTokenAsync(token, jwt.TokenValidationParameters);
            if (result.IsValid && result.ClaimsIdentity is { } identity)
            {
                if (!await stamps.IsCurrentAsync(new ClaimsPrincipal(identity), cancellationToken))
                {
                    return null;
                }

                DateTimeOffset? expiresAt = result.SecurityToken?.ValidTo is { } validTo && validTo != DateTime.MinValue
                    ? new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc))
                    : null;
                return new ConnectionTokenValidation(new ClaimsPrincipal(identity), expiresAt);
            }
        }

        return null;
    }
}
