using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Accounts;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// JWT bearer authentication (algorithm pinned to HS256; issuer, audience and lifetime checked,
    /// 30 s of clock skew), the ownership policies, password hashing and the sign-in rate limits (per address, and per account).
    /// </summary>
    public static IServiceCollection AddShopAuthentication(this IServiceCollection services, IHostEnvironment environment)
    {
        UnicodeCheck.EnsureNormalizationWorks();
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .Validate(
                auth => environment.IsDevelopment() || Encoding.UTF8.GetByteCount(auth.SigningKey ?? string.Empty) >= AuthOptions.MinimumKeyBytes,
                $"Auth:SigningKey must be set to a key of at least {AuthOptions.MinimumKeyBytes * 8} bits outside Development "
                + "(e.g. the environment variable Auth__SigningKey); it is never read from code or appsettings.json.")
            .ValidateOnStart();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenService>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<SignInRateLimiter>();
        services.AddSingleton<SignInFailureThrottle>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<AuthOptions>>((jwt, keys, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = keys.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ShopClaims.Name,
                    RoleClaimType = ShopClaims.Role,
                };
            });
        services.AddAuthorization(options => options.AddShopPolicies());
        return services;
    }
}
