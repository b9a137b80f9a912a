using Graph.AspNetCore.Execution;

namespace Graph.AspNetCore.Caching;

/// <summary>
/// What the response cache remembers of a request it answered, under the key of the request's bytes:
/// the entry that answers it and what reading it as GraphQL found out, so that the same bytes are
/// answered again without being read.
/// </summary>
/// <param name="Key">The key of the cached result that answers it (<see cref="ResponseCacheKey"/>).</param>
/// <param name="Scope">Whose requests may share that result.</param>
/// <param name="Persisted">Whether it named a persisted document (a GET of one may be public).</param>
/// <param name="Document">Its document, whose request rules decide whether a user may be answered unread.</param>
internal sealed record AnsweredRequest(string Key, ResponseCacheScope Scope, bool Persisted, CachedDocument Document)
{
    /// <summary>About how many bytes the record holds under its key.</summary>
    public long Size => ((Key.Length + 64) * 2L) + 96;
}
