using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Introspection;

/// <summary>
/// <c>directive @oneOf on INPUT_OBJECT</c>: exactly one field of the input object is given, and it is not null.
/// graphql-dotnet 8 implements the rule (<see cref="IInputObjectGraphType.IsOneOf"/>, validated for literals
/// and variables, printed in the SDL) but does not list the directive among the schema's directives, so
/// introspection and the SDL would use a directive they never define. Declaring it makes both complete;
/// it is never applied by hand: set <c>IsOneOf</c>.
/// </summary>
public sealed class OneOfDirective : Directive
{
    /// <summary>The directive's name.</summary>
    public const string DirectiveName = "oneOf";

    /// <summary>Creates the directive definition.</summary>
    public OneOfDirective()
        : base(DirectiveName, DirectiveLocation.InputObject)
    {
        Description = "Indicates exactly one field must be supplied and this field must not be `null`.";
    }
}
