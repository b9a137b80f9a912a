using GraphQL.Resolvers;
using GraphQL.Types;

namespace Graph.AspNetCore.Mutations;

/// <summary>
/// The graph type of a mutation payload, <c>{Mutation}Payload</c>: the result fields a subclass
/// declares, and <c>errors: [{Mutation}Error!]</c>, a union of the domain errors the mutation can
/// return, declared with <see cref="Errors"/>.
/// </summary>
public abstract class PayloadType<TPayload> : ObjectGraphType<TPayload>
    where TPayload : IPayload
{
    private const string Suffix = "Payload";

    /// <summary>Creates the payload type named <paramref name="name"/> (which must end in "Payload").</summary>
    protected PayloadType(string name)
    {
        if (!name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A payload type's name ends in '{Suffix}': {name}", nameof(name));
        }

        Name = name;
    }

    /// <summary>Adds <c>errors</c>: the union <c>{Mutation}Error</c> of the given error graph types.</summary>
    protected void Errors(params Type[] errorGraphTypes)
    {
        ArgumentNullException.ThrowIfNull(errorGraphTypes);
        var union = new UnionGraphType
        {
            Name = string.Concat(Name.AsSpan(0, Name.Length - Suffix.Length), "Error"),
            Description = $"The domain errors {Name[..^Suffix.Length]} can return.",
        };
        foreach (var type in errorGraphTypes)
        {
            union.Type(type);
        }

        AddField(new FieldType
        {
            Name = "errors",
            Description = "The domain errors; null when the mutation succeeded.",
            ResolvedType = new ListGraphType(new NonNullGraphType(union)),
            Resolver = new FuncFieldResolver<TPayload, IReadOnlyList<IPayloadError>?>(
                context => context.Source.Errors is { Count: > 0 } errors ? errors : null),
        });
    }
}
