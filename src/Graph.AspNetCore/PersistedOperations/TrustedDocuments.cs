using System.Collections.Frozen;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>
/// The allow list of operations: each operation of the application's own documents, with the
/// fragments it uses, becomes one document of its own under the SHA-256 of its text. Clients send
/// that id (<c>documentId</c> or <c>extensions.persistedQuery</c>) instead of the text; with
/// <see cref="PersistedOperationMode.TrustedOnly"/> nothing else runs.
/// </summary>
public sealed class TrustedDocuments
{
    private readonly FrozenDictionary<string, TrustedDocument> _byId;

    private TrustedDocuments(IReadOnlyList<TrustedDocument> documents)
    {
        All = documents;
        _byId = documents.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>No trusted documents.</summary>
    public static TrustedDocuments Empty { get; } = new([]);

    /// <summary>Every trusted document, in the order of the files and of the operations in them.</summary>
    public IReadOnlyList<TrustedDocument> All { get; }

    /// <summary>Finds a trusted document by its id (lower-case hex).</summary>
    public bool TryGet(string id, out TrustedDocument document) => _byId.TryGetValue(id, out document!);

    /// <summary>
    /// Splits GraphQL files into one trusted document per operation. A fragment may be used from
    /// any of the files; each name must be defined once. Throws on a syntax error, an unknown or
    /// twice-defined fragment, or two operations of one name, so a broken list fails at start-up.
    /// </summary>
    public static TrustedDocuments FromFiles(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var operations = new List<(GraphQLOperationDefinition Operation, string Source)>();
        var fragments = new Dictionary<string, (GraphQLFragmentDefinition Fragment, string Source)>(StringComparer.Ordinal);
        foreach (var text in files)
        {
            var document = Parser.Parse(text, new ParserOptions { Ignore = IgnoreOptions.Comments });
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLOperationDefinition operation:
                        operations.Add((operation, text));
                        break;
                    case GraphQLFragmentDefinition fragment when !fragments.TryAdd(fragment.FragmentName.Name.StringValue, (fragment, text)):
                        throw new InvalidOperationException($"The fragment {fragment.FragmentName.Name.StringValue} is defined twice.");
                }
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<TrustedDocument>(operations.Count);
        foreach (var (operation, source) in operations)
        {
            var name = operation.Name?.StringValue;
            if (name is not null && !names.Add(name))
            {
                throw new InvalidOperationException($"Two trusted operations are named {name}.");
            }

            var parts = new List<string> { Slice(source, operation) };
            foreach (var fragment in UsedFragments(operation, fragments))
            {
                parts.Add(Slice(fragments[fragment].Source, fragments[fragment].Fragment));
            }

            var body = string.Join("\n\n", parts);
            documents.Add(new TrustedDocument(PersistedOperationId.Of(body), name, operation.Operation, body));
        }

        return new TrustedDocuments(documents);
    }

    // The fragments an operation spreads, directly or through other fragments, in order of first use.
    private static List<string> UsedFragments(ASTNode root, Dictionary<string, (GraphQLFragmentDefinition Fragment, string Source)> fragments)
    {
        var used = new List<string>();
        var pending = new Stack<ASTNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var spreads = new List<string>();
            CollectSpreads(pending.Pop(), spreads);
            foreach (var name in spreads.Where(n => !used.Contains(n)))
            {
                if (!fragments.TryGetValue(name, out var fragment))
                {
                    throw new InvalidOperationException($"The fragment {name} is used but not defined.");
                }

                used.Add(name);
                pending.Push(fragment.Fragment);
            }
        }

        return used;
    }

    private static void CollectSpreads(ASTNode node, List<string> spreads)
    {
        if (node is GraphQLFragmentSpread spread)
        {
            spreads.Add(spread.FragmentName.Name.StringValue);
        }

        if (node is IHasSelectionSetNode { SelectionSet: { } set })
        {
            foreach (var child in set.Selections)
            {
                CollectSpreads(child, spreads);
            }
        }
    }

    private static string Slice(string source, ASTNode node) => source[node.Location.Start..node.Location.End];
}
