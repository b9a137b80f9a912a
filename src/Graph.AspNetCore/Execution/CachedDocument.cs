using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Graph.AspNetCore.Caching;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Execution;

/// <summary>A parsed document, its size, and whether it has passed static validation.</summary>
public sealed class CachedDocument(GraphQLDocument document, long size)
{
    private volatile bool _validated;
    private IValidationRule[]? _requestRules;
    private int _hits;
    private string? _hash;
    private ConcurrentDictionary<GraphQLOperationDefinition, ResponseCacheScope>? _cacheScopes;

    /// <summary>Creates an entry whose size is not known (tests, tools).</summary>
    public CachedDocument(GraphQLDocument document)
        : this(document, 1)
    {
    }

    /// <summary>The syntax tree.</summary>
    public GraphQLDocument Document { get; } = document;

    /// <summary>About how many bytes the entry holds: what parsing it allocated, and its text.</summary>
    public long Size { get; } = size;

    /// <summary>
    /// Set once the document has passed every request-independent validation rule; from then on
    /// only request-dependent rules run for it.
    /// </summary>
    public bool IsValidated => _validated;

    /// <summary>The request-dependent rules the document's cached runs need (set with <see cref="MarkValidated"/>).</summary>
    internal IValidationRule[] RequestRules => _requestRules ?? [];

    internal void MarkValidated(IValidationRule[] requestRules)
    {
        _requestRules = requestRules;
        _validated = true;
    }

    internal int RecordHit() => Interlocked.Increment(ref _hits);

    /// <summary>The SHA-256 of the document's text (the response cache's key starts with it), computed once.</summary>
    internal string HashOf(string text) =>
        _hash ??= Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Whose requests may share a cached result of <paramref name="operation"/>, decided once from the schema.</summary>
    internal ResponseCacheScope CacheScopeOf(ISchema schema, GraphQLOperationDefinition operation)
    {
        var scopes = _cacheScopes ??= new ConcurrentDictionary<GraphQLOperationDefinition, ResponseCacheScope>(ReferenceEqualityComparer.Instance);
        return scopes.GetOrAdd(operation, static (op, state) => ResponseCacheability.Decide(state.schema, state.Document, op), (schema, Document));
    }

    /// <summary>
    /// The operation a request selects: the one named, or the only one. Null when the name matches
    /// none or no name was given for a document with several (the executer reports that).
    /// </summary>
    public GraphQLOperationDefinition? SelectOperation(string? operationName)
    {
        GraphQLOperationDefinition? only = null;
        foreach (var definition in Document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (string.IsNullOrEmpty(operationName))
            {
                if (only is not null)
                {
                    return null;
                }

                only = operation;
            }
            else if (operation.Name is not null && operation.Name.Value == operationName)
            {
                return operation;
            }
        }

        return string.IsNullOrEmpty(operationName) ? only : null;
    }
}
