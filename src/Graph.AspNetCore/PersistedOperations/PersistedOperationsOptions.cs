namespace Graph.AspNetCore.PersistedOperations;

/// <summary>Persisted operations: automatic persisted queries and trusted documents (<c>GraphQL:PersistedOperations</c>).</summary>
public sealed class PersistedOperationsOptions
{
    /// <summary>Which documents run (<see cref="PersistedOperationMode"/>).</summary>
    public PersistedOperationMode Mode { get; set; } = PersistedOperationMode.Apq;

    /// <summary>
    /// How many bytes of registered documents (their UTF-16 text) the automatic persisted query
    /// store keeps; the least recently used go first. Zero keeps none, so every hash must be sent
    /// with its document again.
    /// </summary>
    public long StoreSize { get; set; } = 4 * 1_048_576;

    /// <summary>
    /// How long shared caches and browsers may reuse a public result fetched with <c>GET</c> and a
    /// persisted id before they revalidate it (<c>Cache-Control: public, max-age</c>). Zero means
    /// they revalidate every time (<c>no-cache</c>), with the <c>ETag</c> sparing the body.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.Zero;
}
