using Graph.AspNetCore.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Validation;

/// <summary>
/// Parses every scalar literal of the document's arguments and variable defaults, runs the
/// <c>Validator</c> of the argument or input field that holds it, and reports a refusal
/// (<see cref="InvalidValueException"/>) as <see cref="InputValueError"/>: <c>INVALID_VALUE</c> with
/// the value's path. The engine's own rule only asks a scalar whether a literal has the right kind; a
/// value of the right kind refused later would surface as a literal error without the path. Values in
/// variables need no rule: the engine reports a scalar's or a validator's refusal there as
/// <c>INVALID_VALUE</c> naming the variable's path.
/// </summary>
/// <remarks>
/// Literals depend on the document alone, so the rule never marks itself needed: a cached document
/// passed it on its first, full validation and skips it afterwards.
/// </remarks>
public sealed class InputValueRule : ValidationRuleBase, IRequestValidationRule
{
    /// <summary>The shared instance; the rule keeps no state.</summary>
    public static readonly InputValueRule Instance = new();

    private static readonly INodeVisitor Visitor = new NodeVisitors(
        new MatchingNodeVisitor<GraphQLArgument>((argument, context) =>
        {
            if (context.TypeInfo.GetArgument()?.ResolvedType is { } type)
            {
                Check(context, type, argument.Value, argument.Name.StringValue, context.TypeInfo.GetArgument()!.Validator);
            }
        }),
        new MatchingNodeVisitor<GraphQLVariableDefinition>((variable, context) =>
        {
            if (variable.DefaultValue is { } value && context.TypeInfo.GetInputType() is { } type)
            {
                Check(context, type, value, "$" + variable.Variable.Name.StringValue, validator: null);
            }
        }));

    private InputValueRule()
    {
    }

    /// <inheritdoc />
    public bool DeclaresUsage => true;

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    // The validator belongs to the argument or input field whose value this is; it is run on scalar
    // values only (no argument or input field of a list or object type has one).
    private static void Check(ValidationContext context, IGraphType type, GraphQLValue value, string path, Action<object>? validator)
    {
        switch (type)
        {
            case NonNullGraphType nonNull:
                Check(context, nonNull.ResolvedType!, value, path, validator);
                break;
            case ListGraphType list when value is GraphQLListValue items:
                for (var i = 0; i < (items.Values?.Count ?? 0); i++)
                {
                    Check(context, list.ResolvedType!, items.Values![i], $"{path}[{i}]", validator: null);
                }

                break;
            case ListGraphType list:
                // A single value where a list is expected is coerced to a list of one.
                Check(context, list.ResolvedType!, value, path, validator: null);
                break;
            case IInputObjectGraphType input when value is GraphQLObjectValue fields:
                foreach (var field in fields.Fields ?? [])
                {
                    if (input.GetField(field.Name.StringValue) is { ResolvedType: { } fieldType } definition)
                    {
                        Check(context, fieldType, field.Value, $"{path}.{field.Name.StringValue}", definition.Validator);
                    }
                }

                break;
            case ScalarGraphType scalar when value is not (GraphQLVariable or GraphQLNullValue) && scalar.CanParseLiteral(value):
                try
                {
                    if (scalar.ParseLiteral(value) is { } parsed)
                    {
                        validator?.Invoke(parsed);
                    }
                }
                catch (InvalidValueException ex)
                {
                    context.ReportError(new InputValueError(context.Document.Source, path, ex.Message, value));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Any other failure is the engine's to report when it parses the arguments (INVALID_LITERAL, INVALID_VALUE).
                }

                break;
        }
    }
}
