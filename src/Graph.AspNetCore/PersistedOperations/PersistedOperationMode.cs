namespace Graph.AspNetCore.PersistedOperations;

/// <summary>Which documents the server runs: any, any plus registered hashes, or only trusted ones.</summary>
public enum PersistedOperationMode
{
    /// <summary>Every request carries its document; a hash alone is answered <c>PERSISTED_QUERY_NOT_SUPPORTED</c>.</summary>
    Off,

    /// <summary>
    /// Automatic persisted queries: a hash alone runs a trusted document or one registered before;
    /// a hash with its document registers it; a document alone runs as usual.
    /// </summary>
    Apq,

    /// <summary>Only the trusted documents run, by id or by their exact text; anything else is <c>PERSISTED_QUERY_NOT_ALLOWED</c>.</summary>
    TrustedOnly,
}
