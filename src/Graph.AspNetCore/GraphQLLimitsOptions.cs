namespace Graph.AspNetCore;

/// <summary>
/// Limits on the work one request, one connection and one client may ask of the server, bound from
/// <c>GraphQL:Limits</c>. All are on by default, on every transport; each refusal has its own
/// <c>extensions.code</c> (or close code on a stream). A value of zero turns that limit off.
/// </summary>
public sealed class GraphQLLimitsOptions
{
    // ---- The document, checked while it is read and parsed ----

    /// <summary>The longest document text accepted, in characters.</summary>
    public int MaxDocumentLength { get; set; } = 32_768;

    /// <summary>The most lexical tokens a document may have; counted before it is parsed, so a huge document is refused in microseconds.</summary>
    public int MaxTokens { get; set; } = 2_000;

    // ---- The document's shape, checked after parsing and before the spec's validation rules ----

    /// <summary>The most field selections a document may hold, counting each fragment once per place it is spread.</summary>
    public int MaxFields { get; set; } = 500;

    /// <summary>The most aliased fields in a document.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>The most directives in a document.</summary>
    public int MaxDirectives { get; set; } = 50;

    /// <summary>The most fragment definitions in a document.</summary>
    public int MaxFragments { get; set; } = 50;

    /// <summary>The most fragment spreads (named and inline) in a document.</summary>
    public int MaxFragmentSpreads { get; set; } = 100;

    /// <summary>The most operations in one document.</summary>
    public int MaxOperations { get; set; } = 20;

    /// <summary>The deepest nesting of field selections, followed through fragments (introspection fields excepted).</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>The most arguments one field may be given.</summary>
    public int MaxArgumentsPerField { get; set; } = 20;

    /// <summary>The deepest nesting of the request's <c>variables</c> JSON.</summary>
    public int MaxVariablesDepth { get; set; } = 16;

    /// <summary>The most values (objects, lists and scalars, counted together) in the request's <c>variables</c>.</summary>
    public int MaxVariableValues { get; set; } = 2_000;

    // ---- Cost (the IBM GraphQL Cost Directive model: @cost and @listSize) ----

    /// <summary>The highest estimated cost of the executed operation.</summary>
    public int MaxCost { get; set; } = 5_000;

    // ---- Execution ----

    /// <summary>How long an operation may run (validation and execution) before it is cancelled with <c>EXECUTION_TIMEOUT</c>.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most errors one response carries; past it, one <c>TOO_MANY_ERRORS</c> error stands for the rest.</summary>
    public int MaxErrors { get; set; } = 100;

    /// <summary>The largest response body, in bytes; a larger result is answered <c>RESPONSE_TOO_LARGE</c> instead.</summary>
    public int MaxResponseSize { get; set; } = 8 * 1_048_576;

    // ---- Connections (WebSocket and server-sent events) ----

    /// <summary>The most operations running at once on one WebSocket, or on one single-connection SSE stream.</summary>
    public int MaxOperationsPerSocket { get; set; } = 100;

    /// <summary>How many bytes of results may wait for a WebSocket or SSE client that does not read; past it the connection is closed.</summary>
    public int MaxPendingBytesPerConnection { get; set; } = 1_048_576;

    /// <summary>The largest WebSocket message a client may send (a <c>connection_init</c> payload included), in bytes.</summary>
    public int MaxSocketMessageSize { get; set; } = 65_536;

    /// <summary>The most WebSockets one client address may hold open.</summary>
    public int MaxWebSocketsPerClient { get; set; } = 50;

    /// <summary>The most SSE streams one client address may hold open.</summary>
    public int MaxSseStreamsPerClient { get; set; } = 50;

    /// <summary>The most SSE streams one signed-in user may hold open.</summary>
    public int MaxSseStreamsPerUser { get; set; } = 20;

    /// <summary>The most WebSockets this instance holds open; more are answered 503 with <c>Retry-After</c>.</summary>
    public int MaxWebSockets { get; set; } = 10_000;

    /// <summary>The most SSE streams this instance holds open; more are answered 503 with <c>Retry-After</c>.</summary>
    public int MaxSseStreams { get; set; } = 10_000;
}
