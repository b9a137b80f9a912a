using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Limits.Cost;

/// <summary>
/// <c>directive @cost(weight: String!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR</c>,
/// as the IBM GraphQL Cost Directive specification defines it: the weight of the element where the
/// default (1 for a field of an object type, 0 for a scalar or enum) is wrong. Read by <see cref="CostAnalyzer"/>.
/// </summary>
public sealed class CostDirective : Directive
{
    /// <summary>The directive's name.</summary>
    public const string DirectiveName = "cost";

    /// <summary>Creates the directive definition.</summary>
    public CostDirective()
        : base(
            DirectiveName,
            DirectiveLocation.ArgumentDefinition,
            DirectiveLocation.Enum,
            DirectiveLocation.FieldDefinition,
            DirectiveLocation.InputFieldDefinition,
            DirectiveLocation.Object,
            DirectiveLocation.Scalar)
    {
        Description = "The weight of the element in the cost of an operation (IBM GraphQL Cost Directive).";
        Arguments = new QueryArguments(
            new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "weight", Description = "The weight, a number written as a string." });
    }
}
