using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// The size of a parsed document in the measures <see cref="DocumentShapeLimits"/> bounds, found in
/// one walk: what is written once (aliases, directives, fragments, spreads, operations, arguments)
/// is counted as written; what multiplies through fragments (field selections, depth) is counted
/// as executed, with each fragment measured once and reused, so a chain of fragments that doubles
/// at each step costs linear work to measure while its expanded size is found exactly.
/// </summary>
public sealed class DocumentShape
{
    private readonly Dictionary<ROM, GraphQLFragmentDefinition> _fragments = [];
    private readonly Dictionary<ROM, (long Fields, int Depth)?> _measured = [];

    private DocumentShape()
    {
    }

    /// <summary>Field selections, counting each fragment once per place it is spread (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Fields { get; private set; }

    /// <summary>Aliased fields as written.</summary>
    public int Aliases { get; private set; }

    /// <summary>Directives as written, wherever they stand.</summary>
    public int Directives { get; private set; }

    /// <summary>Fragment definitions.</summary>
    public int Fragments { get; private set; }

    /// <summary>Fragment spreads and inline fragments as written.</summary>
    public int FragmentSpreads { get; private set; }

    /// <summary>Operation definitions.</summary>
    public int Operations { get; private set; }

    /// <summary>The deepest field nesting of any operation, through fragments; introspection fields are not followed.</summary>
    public int Depth { get; private set; }

    /// <summary>The most arguments given to one field or directive.</summary>
    public int MaxArguments { get; private set; }

    /// <summary>Measures <paramref name="document"/>.</summary>
    public static DocumentShape Measure(GraphQLDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var shape = new DocumentShape();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                shape.Fragments++;
                shape._fragments.TryAdd(fragment.FragmentName.Name.Value, fragment);
            }
        }

        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition operation:
                    shape.Operations++;
                    shape.CountDirectives(operation.Directives);
                    foreach (var variable in operation.Variables?.Items ?? [])
                    {
                        shape.CountDirectives(variable.Directives);
                    }

                    var (fields, depth) = shape.Expand(operation.SelectionSet);
                    shape.Fields = Add(shape.Fields, fields);
                    shape.Depth = Math.Max(shape.Depth, depth);
                    shape.CountWritten(operation.SelectionSet);
                    break;
                case GraphQLFragmentDefinition fragment:
                    shape.CountDirectives(fragment.Directives);
                    shape.CountWritten(fragment.SelectionSet);
                    break;
            }
        }

        return shape;
    }

    // What is counted as written: every node once, fragments included whether used or not.
    private void CountWritten(GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null)
        {
            return;
        }

        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    if (field.Alias is not null)
                    {
                        Aliases++;
                    }

                    MaxArguments = Math.Max(MaxArguments, field.Arguments?.Count ?? 0);
                    CountDirectives(field.Directives);
                    CountWritten(field.SelectionSet);
                    break;
                case GraphQLFragmentSpread spread:
                    FragmentSpreads++;
                    CountDirectives(spread.Directives);
                    break;
                case GraphQLInlineFragment inline:
                    FragmentSpreads++;
                    CountDirectives(inline.Directives);
                    CountWritten(inline.SelectionSet);
                    break;
            }
        }
    }

    private void CountDirectives(GraphQLDirectives? directives)
    {
        if (directives is null)
        {
            return;
        }

        Directives += directives.Count;
        foreach (var directive in directives.Items)
        {
            MaxArguments = Math.Max(MaxArguments, directive.Arguments?.Count ?? 0);
        }
    }

    // Fields and depth as executed. A fragment that spreads itself (directly or not) counts nothing
    // more: the spec's NoFragmentCycles rule reports the cycle; an unknown fragment is KnownFragmentNames'.
    private (long Fields, int Depth) Expand(GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null)
        {
            return (0, 0);
        }

        long fields = 0;
        var depth = 0;
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var introspection = field.Name.Value.Span.StartsWith("__") && field.SelectionSet is not null;
                    var (childFields, childDepth) = Expand(field.SelectionSet);
                    fields = Add(fields, Add(1, childFields));
                    depth = Math.Max(depth, introspection ? 1 : 1 + childDepth);
                    break;
                case GraphQLFragmentSpread spread:
                    var (spreadFields, spreadDepth) = ExpandFragment(spread.FragmentName.Name.Value);
                    fields = Add(fields, spreadFields);
                    depth = Math.Max(depth, spreadDepth);
                    break;
                case GraphQLInlineFragment inline:
                    var (inlineFields, inlineDepth) = Expand(inline.SelectionSet);
                    fields = Add(fields, inlineFields);
                    depth = Math.Max(depth, inlineDepth);
                    break;
            }
        }

        return (fields, depth);
    }

    private (long Fields, int Depth) ExpandFragment(ROM name)
    {
        if (_measured.TryGetValue(name, out var known))
        {
            return known ?? (0, 0); // null: being measured now, so this spread is part of a cycle
        }

        if (!_fragments.TryGetValue(name, out var fragment))
        {
            return (0, 0);
        }

        _measured[name] = null;
        var measured = Expand(fragment.SelectionSet);
        _measured[name] = measured;
        return measured;
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
