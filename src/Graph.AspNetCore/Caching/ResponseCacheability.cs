using Graph.AspNetCore.Authorization;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Caching;

/// <summary>
/// Decides from the schema, once per document and operation, whose requests may share the
/// operation's cached result (<see cref="ResponseCacheScope"/>). Every field the selection can reach
/// counts, through fragments and whatever <c>@skip</c>/<c>@include</c> would decide, so the answer
/// holds for every request of the document.
/// </summary>
internal static class ResponseCacheability
{
    public static ResponseCacheScope Decide(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        // The decision reads what schema initialization sets up (the authorization visitor's
        // wrapped resolvers): the first request may come before the executer has initialized it.
        if (!schema.Initialized)
        {
            schema.Initialize();
        }

        if (operation.Operation != OperationType.Query || schema.Query is not { } query)
        {
            return ResponseCacheScope.None;
        }

        var walk = new Walk(schema, document);
        walk.Visit(operation.SelectionSet, query);
        return walk.Scope;
    }

    private sealed class Walk(ISchema schema, GraphQLDocument document)
    {
        private readonly HashSet<string> _fragments = new(StringComparer.Ordinal);

        public ResponseCacheScope Scope { get; private set; } = ResponseCacheScope.Everyone;

        public void Visit(GraphQLSelectionSet? selections, IGraphType parent)
        {
            if (selections is null || Scope == ResponseCacheScope.None)
            {
                return;
            }

            foreach (var selection in selections.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        VisitField(field, parent);
                        break;
                    case GraphQLInlineFragment inline:
                        Visit(inline.SelectionSet, inline.TypeCondition is { } condition ? TypeNamed(condition.Type.Name.StringValue) : parent);
                        break;
                    case GraphQLFragmentSpread spread:
                        VisitFragment(spread.FragmentName.Name.StringValue);
                        break;
                }
            }
        }

        private void VisitField(GraphQLField selected, IGraphType parent)
        {
            var name = selected.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                return; // __typename and introspection: the same for everyone.
            }

            if (parent is not IComplexGraphType complex || complex.GetField(name) is not { } field)
            {
                Scope = ResponseCacheScope.None; // not a valid document: it will not run anyway
                return;
            }

            if (((IMetadataReader)complex).GetAuthorizeRequirement() is not null)
            {
                Scope = ResponseCacheScope.None;
                return;
            }

            if (field.Resolver is AuthorizingFieldResolver { Plan: var plan })
            {
                if (plan.Field is not null)
                {
                    Scope = ResponseCacheScope.None;
                    return;
                }

                // A protected argument, or a result that may be a protected type: an anonymous
                // request gets an error for them (never stored); a signed-in one may get data.
                Limit(ResponseCacheScope.AnonymousOnly);
            }

            if (field.IsViewerDependent())
            {
                Limit(ResponseCacheScope.AnonymousOnly);
            }

            if (field.ResolvedType?.GetNamedType() is { } type)
            {
                Visit(selected.SelectionSet, type);
            }
        }

        private void VisitFragment(string name)
        {
            if (!_fragments.Add(name))
            {
                return;
            }

            var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name);
            if (fragment is null)
            {
                Scope = ResponseCacheScope.None;
                return;
            }

            Visit(fragment.SelectionSet, TypeNamed(fragment.TypeCondition.Type.Name.StringValue));
        }

        private IGraphType TypeNamed(string name)
        {
            var type = schema.AllTypes[name];
            if (type is null)
            {
                Scope = ResponseCacheScope.None;
            }

            return type!;
        }

        private void Limit(ResponseCacheScope scope)
        {
            if (scope < Scope)
            {
                Scope = scope;
            }
        }
    }
}
