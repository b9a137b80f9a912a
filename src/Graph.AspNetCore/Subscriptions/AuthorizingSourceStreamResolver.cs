using Graph.AspNetCore.Authorization;
using GraphQL;
using GraphQL.Resolvers;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// Wraps the stream resolver of a subscription field that <c>@authorize</c> concerns, so that the
/// subscription is refused when it starts (no stream is opened) rather than each event being denied
/// later: the validation rule's decision (<see cref="AuthorizationValidationRule"/>) and the field's
/// and its type's requirements are checked first. Requirements of the returned object's type that
/// need the object itself (ownership) are checked by the stream resolver with
/// <see cref="SubscriptionAuthorizationExtensions.AuthorizeResultAsync"/>, and again on every event by
/// the field's resolver.
/// </summary>
internal sealed class AuthorizingSourceStreamResolver(
    ISourceStreamResolver inner,
    AuthorizeRequirement? typeRequirement,
    AuthorizeRequirement? fieldRequirement) : ISourceStreamResolver
{
    public async ValueTask<IObservable<object?>> ResolveAsync(IResolveFieldContext context)
    {
        var decisions = AuthorizationDecisions.Of(context.UserContext);
        if (decisions is not null && decisions.IsDenied(context.FieldAst, out var denied))
        {
            throw denied;
        }

        var authorizer = context.RequestServices!.GetRequiredService<GraphQLAuthorizer>();
        foreach (var requirement in new[] { typeRequirement, fieldRequirement })
        {
            if (requirement is null)
            {
                continue;
            }

            // Without the rule's decision (it did not run for this execution) the role check happens here.
            var allowed = (decisions is not null || await authorizer.IsAllowedWithoutResourceAsync(context.User, requirement).ConfigureAwait(false))
                && await authorizer.IsAllowedForResourceAsync(context.User, requirement, context.Source).ConfigureAwait(false);
            if (!allowed)
            {
                throw await authorizer.DenialAsync(context.User, requirement, $"'{context.FieldDefinition.Name}'").ConfigureAwait(false);
            }
        }

        return await inner.ResolveAsync(context).ConfigureAwait(false);
    }
}
