using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// <c>directive @authorize(policy: String, roles: [String!], mfa: Boolean) on OBJECT | FIELD_DEFINITION | INPUT_FIELD_DEFINITION</c>:
/// the element needs a signed-in user (bare), one of the roles, the named ASP.NET Core policy, and with
/// <c>mfa: true</c> a sign-in with a second factor (<see cref="GraphQLAuthorizationPolicies.SecondFactor"/>).
/// Declared in C# with <see cref="AuthorizationMetadataExtensions"/>; printed in the SDL.
/// </summary>
public sealed class AuthorizeDirective : Directive
{
    /// <summary>The directive's name.</summary>
    public const string DirectiveName = "authorize";

    /// <summary>Creates the directive definition.</summary>
    public AuthorizeDirective()
        : base(DirectiveName, DirectiveLocation.Object, DirectiveLocation.FieldDefinition, DirectiveLocation.InputFieldDefinition)
    {
        Description = "The element requires a signed-in user; with `roles`, one of them; with `policy`, that authorization policy; with `mfa: true`, a sign-in with a second factor.";
        Arguments = new QueryArguments(
            new QueryArgument<StringGraphType> { Name = "policy", Description = "The authorization policy that must succeed." },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "roles", Description = "The user needs one of these roles." },
            new QueryArgument<BooleanGraphType> { Name = "mfa", Description = "The user must have signed in with a second factor." });
    }
}
