using Graph.AspNetCore.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Validation;

/// <summary>
/// An operation whose root type the schema does not define (a mutation or subscription on a
/// schema without one) is a validation error, as graphql-js's <c>KnownOperationTypesRule</c> has
/// it, instead of an execution failure.
/// </summary>
public sealed class KnownOperationTypesRule : ValidationRuleBase
{
    /// <summary>The shared instance; the rule keeps no state.</summary>
    public static readonly KnownOperationTypesRule Instance = new();

    private static readonly MatchingNodeVisitor<GraphQLOperationDefinition> Visitor = new((operation, context) =>
    {
        var defined = operation.Operation switch
        {
            OperationType.Mutation => context.Schema.Mutation is not null,
            OperationType.Subscription => context.Schema.Subscription is not null,
            _ => true,
        };
        if (!defined)
        {
            var kind = operation.Operation.ToString().ToLowerInvariant();
            context.ReportError(new ValidationError(context.Document.Source, null, $"The schema does not support {kind} operations.", operation)
            {
                Code = ErrorCodes.OperationTypeUnknown,
            });
        }
    });

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
