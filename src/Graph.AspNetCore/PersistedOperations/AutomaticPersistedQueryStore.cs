using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>
/// The documents clients registered with automatic persisted queries, by id, bounded by
/// <see cref="PersistedOperationsOptions.StoreSize"/> in bytes. Only documents that passed
/// validation are stored, so a flood of junk cannot push out the ones in use; a document pushed out
/// is only a <c>PERSISTED_QUERY_NOT_FOUND</c>, after which the client sends it again.
/// </summary>
/// <remarks>One store per instance; a shared <see cref="IPersistedQueryStore"/> can keep one in front of it.</remarks>
public sealed class AutomaticPersistedQueryStore : IPersistedQueryStore, IDisposable
{
    // What an entry costs besides its text: the id string, the entry and the cache's bookkeeping.
    private const int EntryOverhead = 256;

    private readonly MemoryCache? _cache;

    /// <summary>Creates the store with the configured size.</summary>
    public AutomaticPersistedQueryStore(IOptions<GraphQLServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Value.PersistedOperations.StoreSize;
        _cache = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
    }

    /// <summary>Finds a registered document.</summary>
    public bool TryGet(string id, out string document)
    {
        if (_cache is not null && _cache.TryGetValue(id, out var value) && value is string text)
        {
            document = text;
            return true;
        }

        document = string.Empty;
        return false;
    }

    /// <summary>Registers a document under its id (already checked to be its hash), if it is not there yet.</summary>
    public void Add(string id, string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_cache is null || _cache.TryGetValue(id, out _))
        {
            return;
        }

        _cache.Set(id, document, new MemoryCacheEntryOptions { Size = ((long)document.Length * sizeof(char)) + EntryOverhead });
    }

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();
}
