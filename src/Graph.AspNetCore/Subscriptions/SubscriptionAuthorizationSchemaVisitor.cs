using Graph.AspNetCore.Authorization;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// Authorizes subscriptions when they start: wraps the stream resolver of every subscription field
/// that <c>@authorize</c> concerns (on the field or on the subscription type) in an
/// <see cref="AuthorizingSourceStreamResolver"/>. Fields without a requirement keep their resolver.
/// </summary>
public sealed class SubscriptionAuthorizationSchemaVisitor : BaseSchemaNodeVisitor
{
    /// <inheritdoc />
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(type);
        if (field.StreamResolver is null)
        {
            return;
        }

        var fieldRequirement = field.GetAuthorizeRequirement();
        var typeRequirement = type.GetAuthorizeRequirement();
        if (fieldRequirement is not null || typeRequirement is not null)
        {
            field.StreamResolver = new AuthorizingSourceStreamResolver(field.StreamResolver, typeRequirement, fieldRequirement);
        }
    }
}
