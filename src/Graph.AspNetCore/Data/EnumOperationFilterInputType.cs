using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// <c>input {Enum}OperationFilterInput { eq neq in nin }</c>. The enum's graph type is whatever the
/// schema maps <typeparamref name="TEnum"/> to (graphql-dotnet's <c>EnumerationGraphType&lt;TEnum&gt;</c>
/// unless a mapping is registered), so a filter and the output field share one enum type.
/// </summary>
public sealed class EnumOperationFilterInputType<TEnum> : InputObjectGraphType
    where TEnum : struct, Enum
{
    /// <summary>Creates the input, named after the enum's CLR name.</summary>
    public EnumOperationFilterInputType()
    {
        Name = $"{typeof(TEnum).Name}OperationFilterInput";
        Description = $"Conditions on a {typeof(TEnum).Name} value; every one given must hold.";
        Field<GraphQLClrInputTypeReference<TEnum>>(FilterOperations.Equal).Description("Equal to the value; null matches a missing value.");
        Field<GraphQLClrInputTypeReference<TEnum>>(FilterOperations.NotEqual).Description("Not equal to the value; null matches a present value.");
        Field<ListGraphType<NonNullGraphType<GraphQLClrInputTypeReference<TEnum>>>>(FilterOperations.In).Description("One of the values.");
        Field<ListGraphType<NonNullGraphType<GraphQLClrInputTypeReference<TEnum>>>>(FilterOperations.NotIn).Description("None of the values.");
    }

    /// <summary>Checks that the input's name follows the enum type the schema chose.</summary>
    /// <exception cref="InvalidOperationException">The enum's GraphQL name is not its CLR name.</exception>
    public override void Initialize(ISchema schema)
    {
        base.Initialize(schema);
        var enumName = GetField(FilterOperations.Equal)?.ResolvedType?.GetNamedType().Name;
        if (enumName is not null && $"{enumName}OperationFilterInput" != Name)
        {
            throw new InvalidOperationException(
                $"'{Name}' filters the enum '{enumName}': a filter on an enum needs the enum's GraphQL name to be its CLR name '{typeof(TEnum).Name}'.");
        }
    }
}
