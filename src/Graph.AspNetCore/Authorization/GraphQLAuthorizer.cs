using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Graph.AspNetCore.Authorization;

/// <summary>Evaluates an <see cref="AuthorizeRequirement"/> through ASP.NET Core's <see cref="IAuthorizationService"/>.</summary>
public sealed class GraphQLAuthorizer(IAuthorizationService authorization, IAuthorizationPolicyProvider policies)
{
    private static readonly IAuthorizationRequirement[] SignedIn = [new DenyAnonymousAuthorizationRequirement()];

    /// <summary>
    /// Checks the parts of a requirement that need no resource: a signed-in user, a role and the
    /// second factor. A requirement of a policy alone is left to the policy, which sees the resource
    /// and may admit a user who signed in within this very request (see <see cref="IViewerScope"/>).
    /// </summary>
    public async ValueTask<bool> IsAllowedWithoutResourceAsync(ClaimsPrincipal? user, AuthorizeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Policy is not null && requirement.Roles is null && !requirement.Mfa)
        {
            return true;
        }

        user ??= new ClaimsPrincipal(new ClaimsIdentity());
        return await IsSignedInWithRoleAsync(user, requirement).ConfigureAwait(false)
            && (!requirement.Mfa || await HasSecondFactorAsync(user).ConfigureAwait(false));
    }

    /// <summary>
    /// The error for a user <see cref="IsAllowedWithoutResourceAsync"/> refused: <c>AUTH_MFA_REQUIRED</c>
    /// when the second factor is all that is missing, so that a client knows to ask for it.
    /// </summary>
    public async ValueTask<AuthorizationError> DenialAsync(ClaimsPrincipal? user, AuthorizeRequirement requirement, string what)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Mfa && user?.Identity?.IsAuthenticated == true
            && await IsSignedInWithRoleAsync(user, requirement).ConfigureAwait(false)
            && !await HasSecondFactorAsync(user).ConfigureAwait(false))
        {
            return AuthorizationError.SecondFactorMissing(what);
        }

        return AuthorizationError.For(user, what);
    }

    /// <summary>Checks a requirement's policy against a resource; true when it has no policy.</summary>
    public async ValueTask<bool> IsAllowedForResourceAsync(ClaimsPrincipal? user, AuthorizeRequirement requirement, object? resource)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Policy is null)
        {
            return true;
        }

        user ??= new ClaimsPrincipal(new ClaimsIdentity());
        var result = await authorization.AuthorizeAsync(user, resource, requirement.Policy).ConfigureAwait(false);
        return result.Succeeded;
    }

    private async ValueTask<bool> IsSignedInWithRoleAsync(ClaimsPrincipal user, AuthorizeRequirement requirement)
    {
        IAuthorizationRequirement[] requirements = requirement.Roles is { Count: > 0 } roles
            ? [SignedIn[0], new RolesAuthorizationRequirement(roles)]
            : SignedIn;
        var result = await authorization.AuthorizeAsync(user, null, requirements).ConfigureAwait(false);
        return result.Succeeded;
    }

    // An application that never defined the policy has no second factor to offer: denied, never waved through.
    private async ValueTask<bool> HasSecondFactorAsync(ClaimsPrincipal user) =>
        await policies.GetPolicyAsync(GraphQLAuthorizationPolicies.SecondFactor).ConfigureAwait(false) is not null
        && (await authorization.AuthorizeAsync(user, null, GraphQLAuthorizationPolicies.SecondFactor).ConfigureAwait(false)).Succeeded;
}
