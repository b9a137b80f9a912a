using System.Runtime.CompilerServices;
using GraphQL;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Limits.Cost;

/// <summary>
/// The last estimate of each operation, with the sizes it read from variables. An estimate depends
/// on the document, which an operation's syntax node stands for, and on those sizes alone, so a
/// repeated request (a cached document, the same <c>first</c>) reuses it instead of walking the
/// document again on every request. Entries live as long as their syntax tree (the document cache
/// holds it), and only the last sizes are kept: a client paging with changing sizes estimates anew.
/// </summary>
internal sealed class EstimateMemo
{
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, Entry> _entries = [];

    /// <summary>The estimate made for <paramref name="operation"/> when its variables gave the same sizes, if there is one.</summary>
    public bool TryGet(GraphQLOperationDefinition operation, Inputs? variables, out double cost)
    {
        if (_entries.TryGetValue(operation, out var entry) && entry.Matches(operation, variables))
        {
            cost = entry.Cost;
            return true;
        }

        cost = 0;
        return false;
    }

    /// <summary>Keeps <paramref name="cost"/>, estimated with the sizes <paramref name="sizes"/> read from variables.</summary>
    public void Set(GraphQLOperationDefinition operation, IReadOnlyList<(string Name, double? Size)> sizes, double cost) =>
        _entries.AddOrUpdate(operation, new Entry([.. sizes], cost));

    private sealed class Entry((string Name, double? Size)[] sizes, double cost)
    {
        public double Cost { get; } = cost;

        public bool Matches(GraphQLOperationDefinition operation, Inputs? variables)
        {
            foreach (var (name, size) in sizes)
            {
                if (CostAnalyzer.VariableSize(operation, variables, name) != size)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
