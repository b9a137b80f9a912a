using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Introspection;

/// <summary>
/// <c>directive @specifiedBy(url: String!) on SCALAR</c>, the specification's own directive (October 2021):
/// the URL of the document that says what a custom scalar's values look like. Introspection answers it as
/// <c>__Type.specifiedByURL</c> (<see cref="SpecIntrospectionVisitor"/>); graphql-dotnet 8 declares neither.
/// </summary>
public sealed class SpecifiedByDirective : Directive
{
    /// <summary>The directive's name.</summary>
    public const string DirectiveName = "specifiedBy";

    /// <summary>The name of its argument.</summary>
    public const string UrlArgument = "url";

    /// <summary>Creates the directive definition.</summary>
    public SpecifiedByDirective()
        : base(DirectiveName, DirectiveLocation.Scalar)
    {
        Description = "Exposes a URL that specifies the behavior of this scalar.";
        Arguments = new QueryArguments(
            new QueryArgument<NonNullGraphType<StringGraphType>> { Name = UrlArgument, Description = "The URL that specifies the behavior of this scalar." });
    }
}
