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
/// Policies that need the object itself are checked during execution by <see cref="AuthorizingFieldResolver"/>.
/// </summary>
public sealed class AuthorizationValidationRule : ValidationRuleBase, IRequestValidationRule
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new(enter: static (field, context) => DecideAsync(field, context));

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
                decisions.Deny(field, AuthorizationError.For(context.User, $"'{definition.Name}'"));
                return;
            }
        }
    }
}
