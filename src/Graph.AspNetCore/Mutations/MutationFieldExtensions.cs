using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Graph.AspNetCore.Mutations;

/// <summary>
/// The mutation convention: <c>fieldName(input: FieldNameInput!): FieldNamePayload!</c>.
/// </summary>
public static class MutationFieldExtensions
{
    /// <summary>The name of the single argument of a mutation field.</summary>
    public const string InputArgument = "input";

    /// <summary>Adds a mutation field taking <c>input: TInputGraphType!</c> and returning <c>TPayloadGraphType!</c>.</summary>
    public static FieldBuilder<object?, TPayload> MutationField<TInputGraphType, TPayloadGraphType, TPayload>(this ObjectGraphType mutation, string name)
        where TInputGraphType : IInputObjectGraphType
        where TPayloadGraphType : PayloadType<TPayload>
        where TPayload : IPayload
    {
        ArgumentNullException.ThrowIfNull(mutation);
        return mutation.Field<NonNullGraphType<TPayloadGraphType>, TPayload>(name)
            .Argument<NonNullGraphType<TInputGraphType>>(InputArgument);
    }

    /// <summary>Reads the <c>input</c> argument as <typeparamref name="TInput"/>.</summary>
    public static TInput GetInput<TInput>(this IResolveFieldContext context) =>
        context.GetArgument<TInput>(InputArgument);
}
