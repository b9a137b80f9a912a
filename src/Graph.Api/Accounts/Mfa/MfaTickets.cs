using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Accounts.Mfa;

/// <summary>
/// The ticket of an MFA challenge: a short-lived JWT for one purpose, redeemed by <c>verifyMfa</c>.
/// Its audience is not the API's (<see cref="AuthOptions.Audience"/> + <c>:mfa</c>), so the bearer
/// handler never accepts it as an access token; it carries the user's security stamp, so a password
/// change or a sign-out everywhere voids an open challenge too.
/// </summary>
public sealed class MfaTickets(IOptions<AuthOptions> options, SigningKeyProvider keys, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    private string Audience => options.Value.Audience + ":mfa";

    public (string Ticket, DateTime ExpiresAt) Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.MfaTicketLifetime;
        var ticket = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(
            [
                new Claim(ShopClaims.Subject, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ShopClaims.SecurityStamp, user.SecurityStamp),
            ]),
            Issuer = options.Value.Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return (ticket, expires);
    }

    /// <summary>The user id and security stamp of a valid ticket, or null.</summary>
    public async Task<(int UserId, string Stamp)?> ReadAsync(string ticket)
    {
        var result = await _handler.ValidateTokenAsync(ticket, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = keys.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(5),
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                // The ticket lives on the application's clock, so that its lifetime is testable.
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now.AddSeconds(5)) && expires > now;
            },
        });
        if (!result.IsValid
            || !int.TryParse(result.ClaimsIdentity.FindFirst(ShopClaims.Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || result.ClaimsIdentity.FindFirst(ShopClaims.SecurityStamp)?.Value is not { } stamp)
        {
            return null;
        }

        return (userId, stamp);
    }
}
