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

    /// <summary>
    /// Requires a sign-in with a second factor as well: <c>mfa: true</c> on the element's
    /// <c>@authorize</c> (added to the one already declared, e.g. after <see cref="RequireRoles{T}"/>).
    /// What counts as a second factor is the application's <see cref="GraphQLAuthorizationPolicies.SecondFactor"/> policy.
    /// </summary>
    public static T RequireMfa<T>(this T element)
        where T : IMetadataWriter
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.MetadataReader.FindAppliedDirective(AuthorizeDirective.DirectiveName) is { } applied)
        {
            applied.AddArgument(new DirectiveArgument("mfa") { Value = true });
            return element;
        }

        return element.ApplyDirective(AuthorizeDirective.DirectiveName, "mfa", true);
    }

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
        var mfa = applied.FindArgument("mfa")?.Value is true;
        return new AuthorizeRequirement(roles, policy, mfa);
    }
}

/// <summary>What <c>@authorize</c> asks for: always a signed-in user, plus a role among <see cref="Roles"/>, <see cref="Policy"/> and a second factor when given.</summary>
/// <param name="Roles">The user needs one of these roles, when not null.</param>
/// <param name="Policy">This ASP.NET Core policy must succeed, when not null.</param>
/// <param name="Mfa">The <see cref="GraphQLAuthorizationPolicies.SecondFactor"/> policy must succeed as well.</param>
public sealed record AuthorizeRequirement(IReadOnlyList<string>? Roles, string? Policy, bool Mfa = false);
