namespace Graph.AspNetCore.Caching;

/// <summary>A serialized result in the <see cref="ResponseCache"/>, with what it was read from.</summary>
/// <param name="Body">The response body, as sent.</param>
/// <param name="ContentType">The <c>Content-Type</c> it is sent with.</param>
/// <param name="EntityTag">Its entity tag (quoted), a hash of the media type and the body.</param>
/// <param name="Tags">What it was read from (<see cref="CacheTags"/>); a change to any of them makes it stale.</param>
/// <param name="Stamp">The cache's clock when its computation started (<see cref="ResponseCache.Stamp"/>).</param>
public sealed record CachedResponse(byte[] Body, string ContentType, string EntityTag, IReadOnlyCollection<string> Tags, long Stamp)
{
    /// <summary>About how many bytes the entry holds.</summary>
    public long Size => Body.Length + (Tags.Count * 48L) + 256;
}
