using Graph.AspNetCore.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// Decides, before any resolver runs, which selected fields the user may not read: those whose
/// <c>@authorize</c> (on the field or on its type) needs a sign-in or a role the user lacks. Denied
/// fields are not errors of the request: each resolves to null with its error, and the rest of the
/// response arrives. Runs for every request, cached documents included, since it depends on the user.
/// A cached document that selects no protected field skips it (<see cref="RequestRuleUsage"/>).
/// Policies that need the object itself are checked during execution by <see cref="AuthorizingFieldResolver"/>.
/// </summary>
public sealed class AuthorizationValidationRule : ValidationRuleBase, IRequestValidationRule
{
    /// <summary>The rule; it keeps no state.</summary>
    public static readonly AuthorizationValidationRule Instance = new();

    private AuthorizationValidationRule()
    {
    }

    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new(enter: static (field, context) => DecideAsync(field, context));

    /// <summary>A document that selects no protected field never needs the rule again.</summary>
    public bool DeclaresUsage => true;

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    private static async ValueTask DecideAsync(GraphQLField field, ValidationContext context)
    {
        var definition = context.TypeInfo.GetFieldDef();
        if (definition is null)
        {
            return;
        }

        var parentType = context.TypeInfo.GetParentType() as IMetadataReader;
        var fieldRequirement = definition.GetAuthorizeRequirement();
        var typeRequirement = parentType?.GetAuthorizeRequirement();
        if (fieldRequirement is null && typeRequirement is null)
        {
            return;
        }

        RequestRuleUsage.MarkNeeded(context, Instance);

        // Created at the first protected field, so that its presence tells the resolvers the rule ran.
        var decisions = AuthorizationDecisions.Of(context.UserContext);
        if (decisions is null)
        {
            decisions = new AuthorizationDecisions();
            context.UserContext[AuthorizationDecisions.UserContextKey] = decisions;
        }

        var authorizer = context.RequestServices!.GetRequiredService<GraphQLAuthorizer>();
        foreach (var requirement in new[] { typeRequirement, fieldRequirement })
        {
            if (requirement is not null && !await authorizer.IsAllowedWithoutResourceAsync(context.User, requirement).ConfigureAwait(false))
            {
                decisions.Deny(field, await authorizer.DenialAsync(context.User, requirement, $"'{definition.Name}'").ConfigureAwait(false));
                return;
            }
        }
    }
}
