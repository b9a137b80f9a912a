using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// Declares <c>@authorize</c> on an object type, a field or an input field. The applied directive is
/// the single source of truth: it is printed in the SDL and read by the enforcement.
/// </summary>
public static class AuthorizationMetadataExtensions
{
    /// <summary>Requires a signed-in user (bare <c>@authorize</c>).</summary>
    public static T RequireSignedIn<T>(this T element)
        where T : IMetadataWriter =>
        element.ApplyDirective(AuthorizeDirective.DirectiveName);

    /// <summary>Requires one of the roles: <c>@authorize(roles: [...])</c>.</summary>
    public static T RequireRoles<T>(this T element, params string[] roles)
        where T : IMetadataWriter =>
        element.ApplyDirective(AuthorizeDirective.DirectiveName, "roles", roles);

    /// <summary>
    /// Requires the named policy: <c>@authorize(policy: "...")</c>. On a field the policy is evaluated
    /// with the parent object as its resource; on an object type, with the object itself.
    /// </summary>
    public static T RequirePolicy<T>(this T element, string policy)
        where T : IMetadataWriter =>
        element.ApplyDirective(AuthorizeDirective.DirectiveName, "policy", policy);

    /// <summary>The requirement declared on the element, or null when it has none.</summary>
    public static AuthorizeRequirement? GetAuthorizeRequirement(this IMetadataReader element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var applied = element.FindAppliedDirective(AuthorizeDirective.DirectiveName);
        if (applied is null)
        {
            return null;
        }

        var policy = applied.FindArgument("policy")?.Value as string;
        var roles = applied.FindArgument("roles")?.Value switch
        {
            string[] array => array,
            IEnumerable<object> list => list.Select(r => r.ToString()!).ToArray(),
            _ => null,
        };
        return new AuthorizeRequirement(roles, policy);
    }
}

/// <summary>What <c>@authorize</c> asks for: always a signed-in user, plus a role among <see cref="Roles"/> and <see cref="Policy"/> when given.</summary>
/// <param name="Roles">The user needs one of these roles, when not null.</param>
/// <param name="Policy">This ASP.NET Core policy must succeed, when not null.</param>
public sealed record AuthorizeRequirement(IReadOnlyList<string>? Roles, string? Policy);
