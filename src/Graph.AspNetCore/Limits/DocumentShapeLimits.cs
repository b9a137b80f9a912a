using Graph.AspNetCore.Execution;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// The limits on a parsed document's shape, checked before the spec's validation rules run, so that
/// the rules whose work grows faster than the document (overlapping fields, fragment cycles) only
/// ever see documents of bounded size.
/// </summary>
public static class DocumentShapeLimits
{
    /// <summary>The first limit <paramref name="document"/> breaks, or null.</summary>
    public static LimitError? Check(GraphQLDocument document, GraphQLLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var shape = DocumentShape.Measure(document);
        if (Exceeds(shape.Operations, limits.MaxOperations))
        {
            return new LimitError(ErrorCodes.DocumentTooManyOperations, $"The document holds more than {limits.MaxOperations} operations.");
        }

        if (Exceeds(shape.Fragments, limits.MaxFragments))
        {
            return new LimitError(ErrorCodes.DocumentTooManyFragments, $"The document defines more than {limits.MaxFragments} fragments.");
        }

        if (Exceeds(shape.FragmentSpreads, limits.MaxFragmentSpreads))
        {
            return new LimitError(ErrorCodes.DocumentTooManyFragmentSpreads, $"The document has more than {limits.MaxFragmentSpreads} fragment spreads.");
        }

        if (Exceeds(shape.Aliases, limits.MaxAliases))
        {
            return new LimitError(ErrorCodes.DocumentTooManyAliases, $"The document has more than {limits.MaxAliases} aliases.");
        }

        if (Exceeds(shape.Directives, limits.MaxDirectives))
        {
            return new LimitError(ErrorCodes.DocumentTooManyDirectives, $"The document has more than {limits.MaxDirectives} directives.");
        }

        if (Exceeds(shape.MaxArguments, limits.MaxArgumentsPerField))
        {
            return new LimitError(ErrorCodes.FieldTooManyArguments, $"A field or directive is given more than {limits.MaxArgumentsPerField} arguments.");
        }

        if (Exceeds(shape.Depth, limits.MaxDepth))
        {
            return new LimitError(ErrorCodes.DocumentTooDeep, $"The document nests fields deeper than {limits.MaxDepth} levels.");
        }

        if (Exceeds(shape.Fields, limits.MaxFields))
        {
            return new LimitError(ErrorCodes.DocumentTooManyFields, $"The document selects more than {limits.MaxFields} fields (counted through fragments).");
        }

        return null;
    }

    private static bool Exceeds(long value, int limit) => limit > 0 && value > limit;
}
