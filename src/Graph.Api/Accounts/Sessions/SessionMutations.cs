using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Identity;

namespace Graph.Api.Accounts.Sessions;

/// <summary><c>logOutEverywhere</c> and <c>changePassword</c>: both revoke every token the user holds.</summary>
public sealed class SessionMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<LogOutEverywherePayloadType>, LogOutEverywherePayload>("logOutEverywhere")
            .Description("Revokes every token of the signed-in user, this one included: HTTP requests, WebSockets and event streams stop within seconds.")
            .RequireSignedIn()
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var user = await SignIns.CurrentUserAsync(context);
                await services.GetRequiredService<SessionRevocation>().SaveRevokingAsync(services.GetRequiredService<ShopDbContext>(), user, context.CancellationToken);
                return new LogOutEverywherePayload(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            });

        mutation.MutationField<ChangePasswordInputType, ChangePasswordPayloadType, SignInPayload>("changePassword")
            .Description("Changes the signed-in user's password; every older token is revoked and a new one returned.")
            .RequireSignedIn()
            .ResolveAsync(async context => await ChangePasswordAsync(context, context.GetInput<ChangePasswordInput>()));
    }

    private static async Task<SignInPayload> ChangePasswordAsync(IResolveFieldContext context, ChangePasswordInput input)
    {
        var services = context.RequestServices!;
        await AccountMutations.EnsureWithinRateLimitAsync(context);
        var user = await SignIns.CurrentUserAsync(context);

        // The current password is guessed at under the same per-account limit as logIn's.
        var throttle = services.GetRequiredService<SignInFailureThrottle>();
        if (throttle.TryBegin(user.Email) is { } wait)
        {
            throw AccountRateLimits.RateLimited($"Too many failed sign-ins for this email; try again in {AccountRateLimits.Seconds(wait)} s.", wait);
        }

        try
        {
            var hasher = services.GetRequiredService<IPasswordHasher<User>>();
            if (hasher.VerifyHashedPassword(user, user.PasswordHash, input.CurrentPassword) == PasswordVerificationResult.Failed)
            {
                throttle.Failed(user.Email);
                return SignInPayload.Failed(new InvalidCredentialsError());
            }

            throttle.Succeeded(user.Email);
            if (PasswordPolicy.Check(input.NewPassword, user.Email) is { Count: > 0 } reasons)
            {
                return SignInPayload.Failed(new WeakPasswordError(reasons));
            }

            user.PasswordHash = hasher.HashPassword(user, input.NewPassword);
            await services.GetRequiredService<SessionRevocation>().SaveRevokingAsync(services.GetRequiredService<ShopDbContext>(), user, context.CancellationToken);
            return SignIns.SignedIn(services, user, context.User.HasSecondFactor());
        }
        catch
        {
            throttle.Abandoned(user.Email);
            throw;
        }
    }
}
