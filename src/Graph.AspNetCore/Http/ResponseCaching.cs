namespace Graph.AspNetCore.Http;

/// <summary>
/// Whether browsers and shared caches may keep a GraphQL response. Only a <c>GET</c> of a query by
/// persisted id (its URL then names the document and its variables, short and stable), sent
/// without credentials and answered without errors, is public; every other <c>GET</c> answer is
/// <c>private, no-store</c>, since it may be personal or an error. <c>POST</c> answers are never
/// cached by HTTP caches, so they get no header.
/// </summary>
internal enum ResponseCaching
{
    /// <summary>No caching header (a POST).</summary>
    None,

    /// <summary><c>Cache-Control: private, no-store</c>.</summary>
    NoStore,

    /// <summary><c>Cache-Control: public</c> with an <c>ETag</c>; a matching <c>If-None-Match</c> is answered 304.</summary>
    Public,
}
