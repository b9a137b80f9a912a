using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Graph.AspNetCore.Authorization;

/// <summary>Evaluates an <see cref="AuthorizeRequirement"/> through ASP.NET Core's <see cref="IAuthorizationService"/>.</summary>
public sealed class GraphQLAuthorizer(IAuthorizationService authorization)
{
    private static readonly IAuthorizationRequirement[] SignedIn = [new DenyAnonymousAuthorizationRequirement()];

    /// <summary>
    /// Checks the parts of a requirement that need no resource: a signed-in user and a role. A
    /// requirement of a policy alone is left to the policy, which sees the resource and may admit
    /// a user who signed in within this very request (see <see cref="IViewerScope"/>).
    /// </summary>
    public async ValueTask<bool> IsAllowedWithoutResourceAsync(ClaimsPrincipal? user, AuthorizeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (requirement.Policy is not null && requirement.Roles is null)
        {
            return true;
        }

        user ??= new ClaimsPrincipal(new ClaimsIdentity());
        IAuthorizationRequirement[] requirements = requirement.Roles is { Count: > 0 } roles
            ? [SignedIn[0], new RolesAuthorizationRequirement(roles)]
            : SignedIn;
        var result = await authorization.AuthorizeAsync(user, null, requirements).ConfigureAwait(false);
        return result.Succeeded;
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
}
