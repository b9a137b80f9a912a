using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Graph.AspNetCore.Introspection;

/// <summary>
/// Completes graphql-dotnet 8's introspection types where the current specification (and input-value
/// deprecation, which graphql-js and HotChocolate answer) asks for more than the engine declares:
/// <list type="bullet">
/// <item><c>__Type.specifiedByURL</c>, read from the scalar's <c>@specifiedBy</c>;</item>
/// <item><c>__Directive.args(includeDeprecated: Boolean = false)</c>, as <c>__Field.args</c> has it.</item>
/// </list>
/// The rest (<c>isRepeatable</c>, <c>isDeprecated</c>/<c>deprecationReason</c> on <c>__InputValue</c>,
/// <c>includeDeprecated</c> on <c>__Field.args</c> and <c>__Type.inputFields</c>, <c>isOneOf</c>) comes from
/// the engine's own schema features, turned on by <c>AddGraphQLServer</c>. Runs while the schema is
/// initialized, after its types are built and before it is validated.
/// </summary>
public sealed class SpecIntrospectionVisitor : BaseSchemaNodeVisitor
{
    private const string IncludeDeprecated = "includeDeprecated";

    /// <inheritdoc />
    public override void VisitSchema(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var types = schema.AllTypes;
        var typeType = (IObjectGraphType)types["__Type"]!;
        var directiveType = (IObjectGraphType)types["__Directive"]!;
        AddSpecifiedByUrl(typeType, types["String"]!);
        AddIncludeDeprecatedToDirectiveArgs(directiveType.GetField("args")!, types["Boolean"]!);
    }

    private static void AddSpecifiedByUrl(IObjectGraphType typeType, IGraphType stringType)
    {
        if (typeType.HasField("specifiedByURL"))
        {
            return;
        }

        typeType.AddField(new FieldType
        {
            Name = "specifiedByURL",
            Description = "The URL of the specification of a custom scalar; null for every other type.",
            ResolvedType = stringType,
            Resolver = new FuncFieldResolver<object?>(context => context.Source is ScalarGraphType scalar ? scalar.GetSpecifiedByUrl() : null),
        });
    }

    private static void AddIncludeDeprecatedToDirectiveArgs(FieldType args, IGraphType booleanType)
    {
        if (args.Arguments?.Find(IncludeDeprecated) is not null)
        {
            return;
        }

        args.Arguments ??= [];
        args.Arguments.Add(new QueryArgument(booleanType) { Name = IncludeDeprecated, DefaultValue = false });
        args.Resolver = new FuncFieldResolver<object?>(context =>
        {
            IEnumerable<QueryArgument> arguments = ((Directive)context.Source!).Arguments ?? [];
            return context.GetArgument<bool>(IncludeDeprecated)
                ? arguments.ToList()
                : arguments.Where(a => string.IsNullOrWhiteSpace(a.DeprecationReason)).ToList();
        });
    }
}
