using Graph.Api.Accounts.Mfa;
using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Mutations;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

/// <summary><c>signUp</c> and <c>logIn</c>.</summary>
public sealed class AccountMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.MutationField<SignUpInputType, SignUpPayloadType, SignInPayload>("signUp")
            .Description("Creates a customer account and signs it in.")
            .ResolveAsync(async context => await SignUpAsync(context, context.GetInput<SignUpInput>()));

        mutation.MutationField<LogInInputType, LogInPayloadType, SignInPayload>("logIn")
            .Description("Signs in with an email and password.")
            .ResolveAsync(async context => await LogInAsync(context, context.GetInput<LogInInput>()));
    }

    private static async Task<SignInPayload> SignUpAsync(IResolveFieldContext context, SignUpInput input)
    {
        var services = context.RequestServices!;
        await EnsureWithinRateLimitAsync(context);
        var email = User.NormalizeEmail(input.Email);
        var displayName = input.DisplayName.Trim();
        var errors = new List<IPayloadError>();
        if (!PasswordPolicy.IsValidEmail(email))
        {
            errors.Add(new InvalidEmailError(input.Email));
        }

        if (displayName.Length is 0 or > PasswordPolicy.MaxDisplayNameLength)
        {
            errors.Add(new InvalidDisplayNameError(input.DisplayName));
        }

        if (PasswordPolicy.Check(input.Password, email) is { Count: > 0 } reasons)
        {
            errors.Add(new WeakPasswordError(reasons));
        }

        if (errors.Count > 0)
        {
            return SignInPayload.Failed(errors);
        }

        var db = services.GetRequiredService<ShopDbContext>();
        if (await db.Users.AnyAsync(u => u.Email == email, context.CancellationToken))
        {
            return SignInPayload.Failed(new EmailTakenError(email));
        }

        var user = new User
        {
            Email = email,
            DisplayName = displayName,
            Role = Role.Customer,
            PasswordHash = string.Empty,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, input.Password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another sign-up took the email between the check and the insert (the unique index decides).
            db.ChangeTracker.Clear();
            if (await db.Users.AnyAsync(u => u.Email == email, context.CancellationToken))
            {
                return SignInPayload.Failed(new EmailTakenError(email));
            }

            throw;
        }

        return SignIns.SignedIn(services, user, secondFactor: false);
    }

    private static async Task<SignInPayload> LogInAsync(IResolveFieldContext context, LogInInput input)
    {
        var services = context.RequestServices!;
        await EnsureWithinRateLimitAsync(context);
        var email = User.NormalizeEmail(input.Email);
        var throttle = services.GetRequiredService<SignInFailureThrottle>();
        if (throttle.TryBegin(email) is { } wait)
        {
            throw AccountRateLimits.RateLimited($"Too many failed sign-ins for this email; try again in {AccountRateLimits.Seconds(wait)} s.", wait);
        }

        try
        {
            var db = services.GetRequiredService<ShopDbContext>();
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, context.CancellationToken);
            var hasher = services.GetRequiredService<IPasswordHasher<User>>();

            // An unknown email costs the same hash check as a wrong password, so timing does not tell them apart.
            var result = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? UnknownUserHash.Value, input.Password);
            if (user is null || result == PasswordVerificationResult.Failed)
            {
                throttle.Failed(email);
                return SignInPayload.Failed(new InvalidCredentialsError());
            }

            throttle.Succeeded(email);
            if (user.MfaEnabled)
            {
                // The password was right, but it is one factor of two: a ticket for verifyMfa, no token.
                var (ticket, expiresAt) = services.GetRequiredService<MfaTickets>().Issue(user);
                return new SignInPayload(null, null, null, null, new MfaChallenge(ticket, expiresAt));
            }

            return SignIns.SignedIn(services, user, secondFactor: false);
        }
        catch
        {
            throttle.Abandoned(email);
            throw;
        }
    }

    internal static async Task EnsureWithinRateLimitAsync(IResolveFieldContext context)
    {
        var address = context.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await context.RequestServices!.GetRequiredService<SignInRateLimiter>().TryAcquireAsync(address))
        {
            throw AccountRateLimits.RateLimited("Too many sign-in attempts from this address; try again in a minute.", TimeSpan.FromMinutes(1));
        }
    }

    internal static readonly Lazy<string> UnknownUserHash = new(() => new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString()));
}
