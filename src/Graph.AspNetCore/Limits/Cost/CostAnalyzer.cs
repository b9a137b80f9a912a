using System.Collections.Concurrent;
using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Limits.Cost;

/// <summary>
/// Estimates what an operation will cost before it runs, in the IBM GraphQL Cost Directive model: a
/// field costs its weight (<c>@cost</c>, else 1 for an object, interface or union and 0 for a scalar
/// or enum) plus the cost of its selections, and a list field multiplies that by its size
/// (<c>@listSize</c>: the largest slicing argument given, e.g. <c>first</c>, else its assumed size,
/// else <see cref="DefaultListSize"/>). On a connection the size applies to its sized fields
/// (<c>edges</c>, <c>nodes</c>), so <c>first: 50</c> multiplies what is selected under them.
/// Each fragment is estimated once per request, so the work is linear in the document's length.
/// Unknown fields and types count nothing (validation reports them); introspection counts nothing
/// (it is allowed only where introspection is on, and bounded by the schema).
/// </summary>
public sealed class CostAnalyzer(ISchema schema)
{
    /// <summary>The size of a list field that declares no <c>@listSize</c>.</summary>
    public const int DefaultListSize = 10;

    private readonly ConcurrentDictionary<FieldType, FieldCost> _fields = new();
    private readonly EstimateMemo _memo = new();

    /// <summary>The estimated cost of <paramref name="operation"/> with <paramref name="variables"/>.</summary>
    public double Estimate(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operation);
        schema.Initialize();
        IGraphType? root = operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => null,
        };
        if (root is null)
        {
            return 0;
        }

        if (_memo.TryGet(operation, variables, out var known))
        {
            return known;
        }

        var estimation = new Estimation(this, document, operation, variables);
        var cost = estimation.SelectionSet(operation.SelectionSet, root, null);
        _memo.Set(operation, estimation.SizesRead, cost);
        return cost;
    }

    /// <summary>
    /// The size a variable gives a slicing argument: its value when the request sets it (none when
    /// null or not a number), else its default literal.
    /// </summary>
    internal static double? VariableSize(GraphQLOperationDefinition operation, Inputs? variables, string name)
    {
        if (variables is not null && variables.TryGetValue(name, out var value))
        {
            return value is null ? null : ToNumber(value);
        }

        if (operation.Variables is { } definitions)
        {
            foreach (var definition in definitions.Items)
            {
                if (definition.Variable.Name.Value == name)
                {
                    return definition.DefaultValue is GraphQLIntValue literal ? Number(literal.Value.Span) : null;
                }
            }
        }

        return null;
    }

    private static double? ToNumber(object value) => value switch
    {
        int or long or short or byte or uint or ulong or double or float or decimal => Math.Max(0, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        System.Numerics.BigInteger big => Math.Max(0, (double)big),
        _ => null,
    };

    private static double? Number(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? Math.Max(0, value) : null;

    private FieldCost CostOf(FieldType field) => _fields.GetOrAdd(field, static f => FieldCost.Of(f));

    // What the analysis needs of a field definition, read from its directives once.
    private sealed record FieldCost(double Weight, bool IsList, IGraphType NamedType, ListSize? ListSize)
    {
        public static FieldCost Of(FieldType field)
        {
            var type = field.ResolvedType!;
            var unwrapped = type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
            var named = type.GetNamedType();
            var weight = field.GetCostWeight() ?? named.GetCostWeight() ?? (named is IComplexGraphType or IAbstractGraphType ? 1 : 0);
            return new FieldCost(weight, unwrapped is ListGraphType, named, field.GetListSize());
        }
    }

    // The size a connection hands down to its sized fields while its selections are estimated.
    private sealed record SizedFields(string[] Names, double Size);

    private sealed class Estimation(CostAnalyzer analyzer, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        private readonly Dictionary<(ROM Name, SizedFields? Sized), double?> _fragments = [];
        private readonly List<(string Name, double? Size)> _sizesRead = [];

        /// <summary>The variables the estimate read, and the size each gave: what it depends on besides the document.</summary>
        public IReadOnlyList<(string Name, double? Size)> SizesRead => _sizesRead;

        public double SelectionSet(GraphQLSelectionSet? selectionSet, IGraphType parent, SizedFields? sized)
        {
            if (selectionSet is null)
            {
                return 0;
            }

            double cost = 0;
            foreach (var selection in selectionSet.Selections)
            {
                cost += selection switch
                {
                    GraphQLField field => Field(field, parent, sized),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.Value, sized),
                    GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? parent, sized),
                    _ => 0,
                };
            }

            return cost;
        }

        private double Field(GraphQLField field, IGraphType parent, SizedFields? sized)
        {
            if (field.Name.Value.Span.StartsWith("__") || parent is not IComplexGraphType complex || complex.GetField(field.Name.Value) is not { } definition)
            {
                return 0;
            }

            var cost = analyzer.CostOf(definition);
            var size = 1d;
            SizedFields? childSized = null;
            if (cost.ListSize is { SizedFields.Length: > 0 } connection)
            {
                childSized = new SizedFields(connection.SizedFields, SizeOf(field, connection));
            }
            else if (cost.IsList)
            {
                var name = field.Name.StringValue;
                size = sized is not null && Array.IndexOf(sized.Names, name) >= 0
                    ? sized.Size
                    : cost.ListSize is { } listSize ? SizeOf(field, listSize) : DefaultListSize;
            }

            return size * (cost.Weight + SelectionSet(field.SelectionSet, cost.NamedType, childSized));
        }

        private double Fragment(ROM name, SizedFields? sized)
        {
            if (_fragments.TryGetValue((name, sized), out var known))
            {
                return known ?? 0; // null: being estimated now, so this spread closes a cycle (validation reports it)
            }

            var fragment = document.FindFragmentDefinition(name);
            if (fragment is null || TypeOf(fragment.TypeCondition) is not { } type)
            {
                return 0;
            }

            _fragments[(name, sized)] = null;
            var cost = SelectionSet(fragment.SelectionSet, type, sized);
            _fragments[(name, sized)] = cost;
            return cost;
        }

        private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
            condition is null ? null : analyzer.SchemaType(condition.Type.Name.StringValue);

        // The largest slicing argument given (a literal, a variable, or that variable's default), else the assumed size.
        private double SizeOf(GraphQLField field, ListSize listSize)
        {
            double? size = null;
            foreach (var name in listSize.SlicingArguments)
            {
                if (ArgumentValue(field, name) is { } value)
                {
                    size = Math.Max(size ?? 0, value);
                }
            }

            return size ?? listSize.AssumedSize ?? DefaultListSize;
        }

        private double? ArgumentValue(GraphQLField field, string name)
        {
            var argument = field.Arguments?.Items.FirstOrDefault(a => a.Name.Value == name);
            return argument?.Value switch
            {
                GraphQLIntValue literal => Number(literal.Value.Span),
                GraphQLVariable variable => VariableValue(variable.Name.StringValue),
                _ => null,
            };
        }

        private double? VariableValue(string name)
        {
            var size = VariableSize(operation, variables, name);
            _sizesRead.Add((name, size));
            return size;
        }
    }

    private IGraphType? SchemaType(string name) => schema.AllTypes[name];
}
