using Graph.AspNetCore.Authorization;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>Authorization a subscription's stream resolver asks for when it starts.</summary>
public static class SubscriptionAuthorizationExtensions
{
    /// <summary>
    /// Checks, at subscribe time, that the user may read <paramref name="value"/> as the field's
    /// return type: the <c>@authorize</c> of that object type (its roles, and its policy with the
    /// object as the resource, e.g. an order's customer). Throws the same
    /// <see cref="AuthorizationError"/> a query reading that object would get, so the subscription
    /// is refused before any event. A type without a requirement admits everyone.
    /// </summary>
    /// <param name="context">The stream resolver's context.</param>
    /// <param name="value">The object the events will be about, as the field would return it.</param>
    public static async Task AuthorizeResultAsync(this IResolveFieldContext context, object value)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(value);
        var type = context.FieldDefinition.ResolvedType?.GetNamedType();
        var candidates = type switch
        {
            IObjectGraphType objectType => [objectType],
            IAbstractGraphType abstractType => abstractType.PossibleTypes.Where(t => t.IsTypeOf?.Invoke(value) ?? false),
            _ => Enumerable.Empty<IObjectGraphType>(),
        };
        var requirement = candidates.Select(t => t.GetAuthorizeRequirement()).FirstOrDefault(r => r is not null);
        if (requirement is null)
        {
            return;
        }

        var authorizer = context.RequestServices!.GetRequiredService<GraphQLAuthorizer>();
        if (!await authorizer.IsAllowedWithoutResourceAsync(context.User, requirement).ConfigureAwait(false)
            || !await authorizer.IsAllowedForResourceAsync(context.User, requirement, value).ConfigureAwait(false))
        {
            throw await authorizer.DenialAsync(context.User, requirement, $"'{context.FieldDefinition.Name}'").ConfigureAwait(false);
        }
    }
}
