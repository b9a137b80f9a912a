using System.Globalization;
using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Limits.Cost;

/// <summary>
/// Declares <c>@cost</c> and <c>@listSize</c> on schema elements. The applied directive is the
/// single source of truth: it is printed in the SDL and read by <see cref="CostAnalyzer"/>.
/// </summary>
public static class CostMetadataExtensions
{
    /// <summary><c>@cost(weight: "…")</c>: the element's weight where the default is wrong.</summary>
    public static T WithCost<T>(this T element, double weight)
        where T : IMetadataWriter =>
        element.ApplyDirective(CostDirective.DirectiveName, "weight", weight.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>@listSize(…)</c>: how many items the field's list (or its <paramref name="sizedFields"/>) holds.</summary>
    public static T WithListSize<T>(
        this T element,
        int? assumedSize = null,
        string[]? slicingArguments = null,
        string[]? sizedFields = null,
        bool requireOneSlicingArgument = true)
        where T : IMetadataWriter =>
        element.ApplyDirective(ListSizeDirective.DirectiveName, directive =>
        {
            if (assumedSize is { } size)
            {
                directive.AddArgument(new DirectiveArgument("assumedSize") { Value = size });
            }

            if (slicingArguments is { Length: > 0 })
            {
                directive.AddArgument(new DirectiveArgument("slicingArguments") { Value = slicingArguments });
            }

            if (sizedFields is { Length: > 0 })
            {
                directive.AddArgument(new DirectiveArgument("sizedFields") { Value = sizedFields });
            }

            if (!requireOneSlicingArgument)
            {
                directive.AddArgument(new DirectiveArgument("requireOneSlicingArgument") { Value = false });
            }
        });

    /// <summary>The weight declared with <c>@cost</c>, or null.</summary>
    internal static double? GetCostWeight(this IMetadataReader element)
    {
        var weight = element.FindAppliedDirective(CostDirective.DirectiveName)?.FindArgument("weight")?.Value;
        return weight is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The sizes declared with <c>@listSize</c>, or null.</summary>
    internal static ListSize? GetListSize(this IMetadataReader element)
    {
        var applied = element.FindAppliedDirective(ListSizeDirective.DirectiveName);
        if (applied is null)
        {
            return null;
        }

        return new ListSize(
            applied.FindArgument("assumedSize")?.Value is { } size ? Convert.ToInt32(size, CultureInfo.InvariantCulture) : null,
            Strings(applied.FindArgument("slicingArguments")?.Value),
            Strings(applied.FindArgument("sizedFields")?.Value));
    }

    private static string[] Strings(object? value) => value switch
    {
        string[] array => array,
        IEnumerable<object> list => [.. list.Select(item => item.ToString()!)],
        _ => [],
    };
}

/// <summary>A field's <c>@listSize</c>.</summary>
/// <param name="AssumedSize">The size when no slicing argument is given.</param>
/// <param name="SlicingArguments">The arguments whose value is the size.</param>
/// <param name="SizedFields">The child fields whose lists have the size (empty: the field's own list).</param>
internal sealed record ListSize(int? AssumedSize, string[] SlicingArguments, string[] SizedFields);
