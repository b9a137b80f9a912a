using System.Runtime.CompilerServices;
using Graph.AspNetCore.Caching;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The entity members a connection field's selection reads (<see cref="ProjectionExtensions"/>): the
/// fields under <c>nodes</c> and <c>edges { node }</c>, through fragments, mapped to the members they
/// declare. Null when the whole entity must be read: the node type did not opt in, or a selected field
/// says nothing of what it reads.
/// </summary>
/// <remarks>
/// <c>@skip</c> and <c>@include</c> are not evaluated: a field they may leave out still counts, so the
/// answer depends on the document alone and is kept per field of a (cached) document.
/// </remarks>
internal static class SelectedMembers
{
    private static readonly ConditionalWeakTable<GraphQLField, Answer> Answers = [];

    public static IReadOnlyList<string>? Of(IResolveFieldContext context)
    {
        if (Answers.TryGetValue(context.FieldAst, out var known) && ReferenceEquals(known.Field, context.FieldDefinition))
        {
            return known.Members;
        }

        var answer = new Answer(context.FieldDefinition, Compute(context));
        Answers.AddOrUpdate(context.FieldAst, answer);
        return answer.Members;
    }

    private static string[]? Compute(IResolveFieldContext context)
    {
        if (context.FieldDefinition.ResolvedType?.GetNamedType() is not IComplexGraphType connection
            || connection.GetField(ConnectionNames.NodesField)?.ResolvedType?.GetNamedType() is not IComplexGraphType node
            || node.GetMetadata<string[]>(ProjectionExtensions.AlwaysMetadata) is not { } always)
        {
            return null;
        }

        var members = new SortedSet<string>(always, StringComparer.Ordinal);
        if (node.HasMetadata(CacheTagMap.NodeKeyMetadata))
        {
            // A node's key tags it in the response cache: read it always, or everything when it is not a member.
            if (node.GetMetadata<string>(ProjectionExtensions.NodeKeyMetadata) is not { } nodeKey)
            {
                return null;
            }

            members.Add(nodeKey);
        }

        var walk = new Walk(context.Document, node, members);
        return walk.Connection(context.FieldAst.SelectionSet) ? [.. members] : null;
    }

    // Collects the node's members; each method answers false as soon as a field says nothing of what it reads.
    private sealed class Walk(GraphQLDocument document, IComplexGraphType node, SortedSet<string> members)
    {
        // Fragments already followed at each level (a fragment spread twice adds nothing new).
        private readonly HashSet<(GraphQLFragmentDefinition, bool)> _followed = [];

        // The connection's own selection: nodes { … }, edges { node { … } }, pageInfo, totalCount.
        public bool Connection(GraphQLSelectionSet? selections) =>
            Each(selections, atNode: false, field =>
                Is(field, ConnectionNames.NodesField) ? Node(field.SelectionSet)
                : !Is(field, ConnectionNames.EdgesField) || Each(field.SelectionSet, atNode: false, edge => !Is(edge, "node") || Node(edge.SelectionSet)));

        private bool Node(GraphQLSelectionSet? selections) => Each(selections, atNode: true, Member);

        private bool Member(GraphQLField field)
        {
            if (Is(field, "__typename"))
            {
                return true;
            }

            var definition = node.GetField(field.Name.Value);
            if (definition?.GetMetadata<string[]>(ProjectionExtensions.ReadsMetadata) is { } reads)
            {
                members.UnionWith(reads);
                return true;
            }

            if (definition?.GetMetadata<string>(ProjectionExtensions.ExpressionMemberMetadata) is { } member)
            {
                members.Add(member);
                return true;
            }

            return false;
        }

        // Every field of the selection set, through inline fragments and fragment spreads.
        private bool Each(GraphQLSelectionSet? selections, bool atNode, Func<GraphQLField, bool> visit)
        {
            foreach (var selection in selections?.Selections ?? [])
            {
                var ok = selection switch
                {
                    GraphQLField field => visit(field),
                    GraphQLInlineFragment inline => Each(inline.SelectionSet, atNode, visit),
                    GraphQLFragmentSpread spread => document.FindFragmentDefinition(spread.FragmentName.Name) is not { } fragment
                        || !_followed.Add((fragment, atNode))
                        || Each(fragment.SelectionSet, atNode, visit),
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Is(GraphQLField field, string name) => field.Name.Value.Span.SequenceEqual(name);
    }

    private sealed record Answer(FieldType Field, string[]? Members);
}
