using Graph.Api.Data;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

/// <summary>What the account mutations share: issuing a signed-in payload, and loading the caller's own account.</summary>
internal static class SignIns
{
    /// <param name="services">The request's services.</param>
    /// <param name="user">The account, as saved (its security stamp goes into the token).</param>
    /// <param name="secondFactor">Whether this sign-in checked a TOTP or recovery code (<c>amr</c> gets <c>otp</c>).</param>
    public static SignInPayload SignedIn(IServiceProvider services, User user, bool secondFactor)
    {
        var principal = ShopClaims.PrincipalFor(user, secondFactor);
        return new SignInPayload(services.GetRequiredService<TokenService>().Issue(principal), user, null, principal);
    }

    /// <summary>The caller's account, tracked by the request's context (its token was checked against it a moment ago).</summary>
    public static async Task<User> CurrentUserAsync(IResolveFieldContext context)
    {
        var db = context.RequestServices!.GetRequiredService<ShopDbContext>();
        var id = context.User.GetUserId() ?? throw NotSignedIn();
        return await db.Users.SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken) ?? throw NotSignedIn();
    }

    private static ExecutionError NotSignedIn() =>
        new("Sign in first.") { Code = Graph.AspNetCore.Authorization.AuthorizationError.NotAuthenticated };
}
