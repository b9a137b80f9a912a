using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// Wraps the resolvers of the fields <c>@authorize</c> concerns (see <see cref="AuthorizingFieldResolver"/>),
/// and only those: every other field keeps its resolver, at no cost.
/// </summary>
public sealed class AuthorizationSchemaVisitor : BaseSchemaNodeVisitor
{
    /// <inheritdoc />
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(field);
        var plan = new FieldAuthorizationPlan(
            field.GetAuthorizeRequirement(),
            ProtectedArguments(field),
            ProtectedResultTypes(field.ResolvedType, schema));
        if (!plan.IsEmpty)
        {
            field.Resolver = new AuthorizingFieldResolver(field.Resolver ?? NameFieldResolver.Instance, plan);
        }
    }

    private static List<(string, IGraphType)> ProtectedArguments(FieldType field) =>
        field.Arguments?
            .Where(a => a.ResolvedType is not null && HasProtectedInputField(a.ResolvedType.GetNamedType(), []))
            .Select(a => (a.Name, a.ResolvedType!))
            .ToList() ?? [];

    private static bool HasProtectedInputField(IGraphType type, HashSet<IGraphType> seen)
    {
        if (type is not IInputObjectGraphType input || !seen.Add(input))
        {
            return false;
        }

        return input.Fields.Any(f => f.GetAuthorizeRequirement() is not null
            || (f.ResolvedType is not null && HasProtectedInputField(f.ResolvedType.GetNamedType(), seen)));
    }

    private static List<IObjectGraphType> ProtectedResultTypes(IGraphType? returnType, ISchema schema)
    {
        var named = returnType?.GetNamedType();
        IEnumerable<IObjectGraphType> candidates = named switch
        {
            IObjectGraphType objectType => [objectType],
            IAbstractGraphType abstractType => abstractType.PossibleTypes,
            _ => [],
        };
        return candidates.Where(t => t.GetAuthorizeRequirement() is not null).ToList();
    }
}
