using System.Security.Claims;
using GraphQL.Validation;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// A validation rule whose outcome depends on the request (its user or variables), so it runs for
/// every request, cached documents included. Register implementations as singletons.
/// </summary>
public interface IRequestValidationRule : IValidationRule
{
    /// <summary>
    /// When true, the rule concerns only some documents: it runs on a cached document's later
    /// requests only if it called <see cref="RequestRuleUsage.MarkNeeded"/> while that document was
    /// first, fully validated. A rule that always has work to do keeps the default, false.
    /// </summary>
    bool DeclaresUsage => false;

    /// <summary>
    /// Whether the rule can have work to do for <paramref name="user"/>. A rule that concerns only
    /// some users answers false for the others, so a cached document they send runs no rule at all:
    /// graphql-dotnet walks the whole document with its type information as soon as any rule is
    /// given, even one that then returns no visitor.
    /// </summary>
    bool AppliesTo(ClaimsPrincipal? user) => true;
}
