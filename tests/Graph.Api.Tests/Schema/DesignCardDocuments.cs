using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Graph.Api.Tests.Schema;

/// <summary>
/// How a frontend document of <c>schema/operations/</c> answers for the design card's document of the
/// same name (<c>shared/operations/</c>, outside the repository): it holds every operation and fragment
/// of the card's unchanged, and may hold more (the operations that arrived after the card, such as the
/// account's security settings in <c>account.graphql</c>). Definitions are compared by their printed
/// syntax tree, so layout and comments may differ, selections and arguments may not.
/// </summary>
public static class DesignCardDocuments
{
    /// <summary>What of <paramref name="designCard"/> is missing from <paramref name="ours"/> or differs there, one line each; empty when nothing.</summary>
    public static IReadOnlyList<string> Differences(string designCard, string ours)
    {
        var theirs = Definitions(designCard);
        var mine = Definitions(ours);
        var differences = new List<string>();
        foreach (var (name, printed) in theirs)
        {
            if (!mine.TryGetValue(name, out var copy))
            {
                differences.Add($"{name} is missing");
            }
            else if (copy != printed)
            {
                differences.Add($"{name} differs from the design card's:\n{printed}\nhere:\n{copy}");
            }
        }

        return differences;
    }

    // Each named operation and fragment, printed; keyed by kind and name (an operation and a fragment may share a name).
    private static Dictionary<string, string> Definitions(string document)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in Parser.Parse(document).Definitions)
        {
            var name = definition switch
            {
                GraphQLOperationDefinition operation => $"{operation.Operation.ToString().ToLowerInvariant()} {operation.Name?.StringValue ?? "(anonymous)"}",
                GraphQLFragmentDefinition fragment => $"fragment {fragment.FragmentName.Name.StringValue}",
                _ => null,
            };
            if (name is not null)
            {
                definitions.Add(name, Print(definition));
            }
        }

        return definitions;
    }

    private static string Print(ASTNode node)
    {
        using var writer = new StringWriter();
        new SDLPrinter().PrintAsync(node, writer).AsTask().GetAwaiter().GetResult(); // a StringWriter completes at once
        return writer.ToString();
    }
}
