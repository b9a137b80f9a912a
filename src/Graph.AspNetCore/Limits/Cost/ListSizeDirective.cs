using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Limits.Cost;

/// <summary>
/// <c>directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION</c>,
/// as the IBM GraphQL Cost Directive specification defines it: how many items a list field (or, with
/// <c>sizedFields</c>, the lists under a connection) returns, so that the cost of what is selected
/// under it is multiplied by that size. Read by <see cref="CostAnalyzer"/>.
/// </summary>
public sealed class ListSizeDirective : Directive
{
    /// <summary>The directive's name.</summary>
    public const string DirectiveName = "listSize";

    /// <summary>Creates the directive definition.</summary>
    public ListSizeDirective()
        : base(DirectiveName, DirectiveLocation.FieldDefinition)
    {
        Description = "The size of the list a field returns, for the cost of an operation (IBM GraphQL Cost Directive).";
        Arguments = new QueryArguments(
            new QueryArgument<IntGraphType> { Name = "assumedSize", Description = "The size when no slicing argument is given." },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "slicingArguments", Description = "The arguments whose value is the size (the largest given counts)." },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "sizedFields", Description = "The fields of the returned type whose lists have this size (a connection's edges and nodes)." },
            new QueryArgument<BooleanGraphType> { Name = "requireOneSlicingArgument", Description = "Whether exactly one slicing argument must be given.", DefaultValue = true });
    }
}
