using System.Text;
using Graph.Api.Accounts.Audit;
using Graph.Api.Accounts.Mfa;
using Graph.Api.Accounts.Sessions;
using Graph.Api.Data;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Accounts;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// JWT bearer authentication (algorithm pinned to HS256; issuer, audience and lifetime checked,
    /// 30 s of clock skew; the user's security stamp checked on every authenticated request), the
    /// ownership and second-factor policies, password hashing, the sign-in rate limits (per address,
    /// and per account), TOTP multi-factor authentication and the audit trail.
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
        services.AddKeyedSingleton<SignInFailureThrottle>(MfaThrottle.Key);
        services.AddHttpContextAccessor();

        // TOTP secrets are encrypted with Data Protection. Its key ring is stored in the shop's database
        // (every instance of a scale-out reads the same keys; a backup holds the keys of the secrets it
        // holds), under one application name whatever folder an instance runs from.
        services.AddDataProtection().SetApplicationName("graph-shop").PersistKeysToDbContext<ShopDbContext>();
        services.AddSingleton<TotpSecrets>();
        services.AddSingleton<TotpCodeChecker>();
        services.AddSingleton<RecoveryCodes>();
        services.AddSingleton<MfaTickets>();
        services.AddSingleton<IRequestValidationRule>(MfaEnrolmentRule.Instance);
        services.AddSingleton<AuditTrail>();

        // Revocation: the security stamp of each token against the user's current one.
        services.AddSingleton<SecurityStampCache>();
        services.AddHostedService<SharedStampRecovery>();
        services.AddSingleton<SecurityStampCheck>();
        services.AddSingleton<SessionRevocation>();
        services.AddSingleton<ICredentialRevocationMonitor, SecurityStampMonitor>();

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

                // Runs only for a validly signed token: anonymous requests never reach it.
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>();
                        if (context.Principal is null || !await stamps.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The token has been revoked, or its user no longer exists.");
                        }
                    },
                };
            });
        services.AddAuthorization(options => options.AddShopPolicies());
        return services;
    }
}
