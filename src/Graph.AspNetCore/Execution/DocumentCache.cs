using System.Diagnostics.CodeAnalysis;
using GraphQLParser;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// Keeps parsed documents that passed validation, by their text, within a budget of bytes
/// (<see cref="GraphQLServerOptions.DocumentCacheSize"/>), so that a repeated document is parsed and
/// statically validated once. A document enters at low priority and is promoted once it has been
/// asked for again: when the budget is full, the cache gives up documents seen once before those in
/// use, so a flood of distinct documents cannot push out the hot ones.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    /// <summary>How many cache hits promote a document out of the low-priority tier.</summary>
    internal const int PromoteAfterHits = 2;

    private readonly MemoryCache? _cache;
    private readonly ParserOptions _parserOptions;

    /// <summary>Creates the cache from the server options.</summary>
    public DocumentCache(IOptions<GraphQLServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _parserOptions = new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = settings.MaxDocumentDepth };
        if (settings.DocumentCacheSize > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.DocumentCacheSize });
        }
    }

    /// <summary>How many documents are cached now.</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>The cached, validated document for <paramref name="query"/>, if there is one.</summary>
    public bool TryGet(string query, [NotNullWhen(true)] out CachedDocument? document)
    {
        if (_cache is null || !_cache.TryGetValue(query, out document) || document is null)
        {
            document = null;
            return false;
        }

        if (document.RecordHit() == PromoteAfterHits)
        {
            Store(query, document, CacheItemPriority.Normal);
        }

        return true;
    }

    /// <summary>
    /// Parses <paramref name="query"/> into a document that is not cached yet. Throws the parser's
    /// exceptions for a document that does not parse.
    /// </summary>
    public CachedDocument Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);

        // The syntax tree's size is what its parse allocated; the key (the text) is cached too.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var document = Parser.Parse(query, _parserOptions);
        var size = GC.GetAllocatedBytesForCurrentThread() - before + (2L * query.Length) + 64;
        return new CachedDocument(document, size);
    }

    /// <summary>Caches a document that has passed validation (at low priority until it is asked for again).</summary>
    public void Admit(string query, CachedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_cache is not null && !_cache.TryGetValue(query, out _))
        {
            Store(query, document, CacheItemPriority.Low);
        }
    }

    private void Store(string query, CachedDocument document, CacheItemPriority priority) =>
        _cache!.Set(query, document, new MemoryCacheEntryOptions { Size = document.Size, Priority = priority });

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();
}
