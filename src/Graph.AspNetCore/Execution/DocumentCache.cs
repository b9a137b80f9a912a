using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// Keeps parsed documents by their text, bounded in the number of entries, so that a repeated
/// document is parsed once and statically validated once.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly ParserOptions _parserOptions;

    /// <summary>Creates the cache from the server options.</summary>
    public DocumentCache(IOptions<GraphQLServerOptions> options)
    {
        var settings = options.Value;
        _parserOptions = new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = settings.MaxDocumentDepth };
        if (settings.DocumentCacheSize > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.DocumentCacheSize });
        }
    }

    /// <summary>How many documents are cached now.</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>
    /// Returns the cached document for <paramref name="query"/>, parsing it on a miss.
    /// Throws the parser's syntax exceptions for a document that does not parse; those are never cached.
    /// </summary>
    public CachedDocument GetOrParse(string query) => GetOrParse(query, out _);

    /// <summary>
    /// As <see cref="GetOrParse(string)"/>, telling whether the document was parsed now (a cache miss).
    /// </summary>
    public CachedDocument GetOrParse(string query, out bool parsed)
    {
        if (_cache is not null && _cache.TryGetValue(query, out CachedDocument? hit) && hit is not null)
        {
            parsed = false;
            return hit;
        }

        parsed = true;
        var document = new CachedDocument(Parser.Parse(query, _parserOptions));
        _cache?.Set(query, document, new MemoryCacheEntryOptions { Size = 1 });
        return document;
    }

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();
}

/// <summary>A parsed document, and whether it has passed static validation.</summary>
public sealed class CachedDocument(GraphQLDocument document)
{
    private volatile bool _validated;
    private IValidationRule[]? _requestRules;

    /// <summary>The syntax tree.</summary>
    public GraphQLDocument Document { get; } = document;

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
