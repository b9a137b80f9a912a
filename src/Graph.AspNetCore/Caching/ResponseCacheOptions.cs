namespace Graph.AspNetCore.Caching;

/// <summary>
/// The response cache of public query results (<c>GraphQL:ResponseCache</c>), invalidated by the
/// application's events rather than by time (see <see cref="ResponseCache"/>).
/// </summary>
public sealed class ResponseCacheOptions
{
    /// <summary>
    /// Whether query results are cached. Off unless the application turns it on: only an
    /// application that invalidates on every change (<see cref="ResponseCache.Invalidate"/>) may.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>How many bytes of serialized results the cache keeps; the least recently used go first.</summary>
    public long SizeLimit { get; set; } = 64 * 1_048_576;
}
