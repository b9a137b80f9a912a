using Graph.AspNetCore.Caching;
using Graph.AspNetCore.Ide;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.WarmUp;

namespace Graph.AspNetCore;

/// <summary>
/// Settings of the GraphQL serving layer, one per behaviour. Bound from the <c>GraphQL</c>
/// configuration section; the secure choice is the default.
/// </summary>
public sealed class GraphQLServerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "GraphQL";

    /// <summary>The path the endpoint is served on.</summary>
    public string Path { get; set; } = "/graphql";

    /// <summary>Whether queries may be sent with <c>GET</c> (mutations never may).</summary>
    public bool EnableGetRequests { get; set; } = true;

    /// <summary>
    /// How many bytes of parsed, validated documents the document cache keeps (a document's size is
    /// what parsing it allocated, plus its text). Zero turns the cache off.
    /// </summary>
    public long DocumentCacheSize { get; set; } = 16 * 1_048_576;

    /// <summary>The largest request body accepted, in bytes; a larger one is a 413.</summary>
    public long MaxRequestBodySize { get; set; } = 1_048_576;

    /// <summary>
    /// The most requests one batch (a POST whose body is a JSON array of requests) may hold; a larger
    /// batch is refused whole with 413 (<c>BATCH_TOO_LARGE</c>). Zero turns batching off: an array is
    /// then answered 400 as any body that is not a GraphQL request.
    /// </summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>
    /// Whether graphql-sse's single connection mode is served: <c>PUT</c> reserves an event stream,
    /// a <c>GET</c> with its token opens it, and operations <c>POST</c>ed with the token stream their
    /// results through it. A reservation lives on the instance that made it, so several instances
    /// need sticky routing for it; off, <c>PUT</c> is answered 405 and clients use distinct connections.
    /// </summary>
    public bool EnableSseSingleConnection { get; set; } = true;

    /// <summary>How long a single-connection reservation waits for its event stream to be opened before it is dropped.</summary>
    public TimeSpan SseReservationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The deepest nesting of a document's syntax tree the parser accepts, so that a hostile
    /// document cannot exhaust the stack.
    /// </summary>
    public int MaxDocumentDepth { get; set; } = 128;

    /// <summary>
    /// Whether exception messages and stack traces reach clients. Null means: only in Development.
    /// </summary>
    public bool? ExposeExceptionDetails { get; set; }

    /// <summary>Whether introspection is allowed. Null means: only in Development.</summary>
    public bool? EnableIntrospection { get; set; }

    /// <summary>
    /// Whether validation errors suggest names ("Did you mean ...?"). Null means: only in
    /// Development, since suggestions reveal the schema piece by piece.
    /// </summary>
    public bool? EnableFieldSuggestions { get; set; }

    /// <summary>
    /// Operations that take at least this long (validation and execution) are logged as warnings
    /// with their name. Zero turns the warning off.
    /// </summary>
    public TimeSpan SlowOperationThreshold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Limits on the work a request, a connection and a client may ask for (<c>GraphQL:Limits</c>).</summary>
    public GraphQLLimitsOptions Limits { get; set; } = new();

    /// <summary>Automatic persisted queries and trusted documents (<c>GraphQL:PersistedOperations</c>).</summary>
    public PersistedOperationsOptions PersistedOperations { get; set; } = new();

    /// <summary>The cache of public query results, invalidated by events (<c>GraphQL:ResponseCache</c>).</summary>
    public ResponseCacheOptions ResponseCache { get; set; } = new();

    /// <summary>The warm-up of a fresh instance before it says it is ready (<c>GraphQL:WarmUp</c>).</summary>
    public GraphQLWarmUpOptions WarmUp { get; set; } = new();

    /// <summary>The Banana Cake Pop IDE served at <see cref="Path"/> to browsers.</summary>
    public GraphQLIdeOptions Ide { get; set; } = new();

    /// <summary>
    /// How long a WebSocket may stay open without <c>connection_init</c>; then it is closed with
    /// 4408 (Connection initialisation timeout).
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often an idle streaming connection is kept alive: a <c>ping</c> (graphql-transport-ws),
    /// a <c>ka</c> (legacy graphql-ws) or an SSE comment, so proxies do not cut it. Zero turns it off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// How many events may wait for one subscriber (per subscription). A subscriber that falls
    /// further behind is dropped: its stream ends with an error, the others never wait for it.
    /// </summary>
    public int SubscriptionBufferSize { get; set; } = 64;
}
