namespace Graph.AspNetCore.Caching;

/// <summary>Whose requests may share a cached result of an operation (decided once per document, <see cref="ResponseCacheability"/>).</summary>
public enum ResponseCacheScope
{
    /// <summary>Never cached: not a query, or it selects a field or type under <c>@authorize</c>.</summary>
    None,

    /// <summary>
    /// Cached for anonymous requests only: the result may depend on who asks (a field marked
    /// <see cref="ViewerDependentExtensions.VariesByViewer{T}"/>, a protected argument or a result that
    /// may be a protected type), and an anonymous request is refused anything protected with an
    /// error, which is never stored.
    /// </summary>
    AnonymousOnly,

    /// <summary>The same for everyone: cached for any request.</summary>
    Everyone,
}
