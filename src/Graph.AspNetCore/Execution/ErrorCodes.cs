namespace Graph.AspNetCore.Execution;

/// <summary>The <c>extensions.code</c> values the serving layer itself produces.</summary>
public static class ErrorCodes
{
    /// <summary>An unexpected exception; its details are logged, not returned.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>The request body is not JSON.</summary>
    public const string InvalidJson = "HTTP_INVALID_JSON";

    /// <summary>The request is JSON but not a GraphQL request (missing query, wrong parameter types).</summary>
    public const string InvalidRequest = "HTTP_INVALID_REQUEST";

    /// <summary>The request's content type is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "HTTP_UNSUPPORTED_MEDIA_TYPE";

    /// <summary>None of the accepted response media types can be produced.</summary>
    public const string NotAcceptable = "HTTP_NOT_ACCEPTABLE";

    /// <summary>The HTTP method cannot carry this request (a mutation over GET).</summary>
    public const string MethodNotAllowed = "HTTP_METHOD_NOT_ALLOWED";

    /// <summary>The request body is larger than allowed.</summary>
    public const string RequestTooLarge = "HTTP_REQUEST_TOO_LARGE";

    /// <summary>The operation type cannot be executed over this transport (a subscription over plain HTTP).</summary>
    public const string OperationNotSupported = "OPERATION_NOT_SUPPORTED";

    /// <summary>The document is nested deeper than the parser allows.</summary>
    public const string DocumentTooDeep = "DOCUMENT_TOO_DEEP";


    /// <summary>A global id that cannot be decoded or names an unknown type.</summary>
    public const string InvalidId = "INVALID_ID";

    /// <summary>A GraphQL error raised without a more specific code.</summary>
    public const string ExecutionError = "EXECUTION_ERROR";

    /// <summary><c>first</c> or <c>last</c> asks for more items than a page may hold.</summary>
    public const string PagingLimitExceeded = "PAGING_LIMIT_EXCEEDED";

    /// <summary>The paging arguments make no sense together (a negative size, <c>first</c> with <c>last</c>).</summary>
    public const string PagingInvalid = "PAGING_INVALID";

    /// <summary><c>after</c> or <c>before</c> is not a cursor this list handed out (garbage, or from another sort order).</summary>
    public const string PagingInvalidCursor = "PAGING_INVALID_CURSOR";

    /// <summary>A filter nests <c>and</c>/<c>or</c> deeper than allowed.</summary>
    public const string FilterTooDeep = "FILTER_TOO_DEEP";

    /// <summary>An <c>in</c> or <c>nin</c> list of a filter is longer than allowed.</summary>
    public const string FilterListTooLong = "FILTER_LIST_TOO_LONG";

    /// <summary>A filter holds more conditions than allowed.</summary>
    public const string FilterTooComplex = "FILTER_TOO_COMPLEX";

    /// <summary><c>nodes(ids:)</c> asks for more ids than allowed at once.</summary>
    public const string NodesTooMany = "NODES_TOO_MANY";

    /// <summary>An operation whose root type (mutation, subscription) the schema does not define.</summary>
    public const string OperationTypeUnknown = "OPERATION_TYPE_UNKNOWN";

    /// <summary>The document text is longer than <c>GraphQL:Limits:MaxDocumentLength</c>.</summary>
    public const string DocumentTooLong = "DOCUMENT_TOO_LONG";

    /// <summary>The document has more tokens than <c>GraphQL:Limits:MaxTokens</c>.</summary>
    public const string DocumentTooManyTokens = "DOCUMENT_TOO_MANY_TOKENS";

    /// <summary>The document selects more fields than <c>GraphQL:Limits:MaxFields</c>, counted through fragments.</summary>
    public const string DocumentTooManyFields = "DOCUMENT_TOO_MANY_FIELDS";

    /// <summary>The document has more aliases than <c>GraphQL:Limits:MaxAliases</c>.</summary>
    public const string DocumentTooManyAliases = "DOCUMENT_TOO_MANY_ALIASES";

    /// <summary>The document has more directives than <c>GraphQL:Limits:MaxDirectives</c>.</summary>
    public const string DocumentTooManyDirectives = "DOCUMENT_TOO_MANY_DIRECTIVES";

    /// <summary>The document defines more fragments than <c>GraphQL:Limits:MaxFragments</c>.</summary>
    public const string DocumentTooManyFragments = "DOCUMENT_TOO_MANY_FRAGMENTS";

    /// <summary>The document has more fragment spreads than <c>GraphQL:Limits:MaxFragmentSpreads</c>.</summary>
    public const string DocumentTooManyFragmentSpreads = "DOCUMENT_TOO_MANY_FRAGMENT_SPREADS";

    /// <summary>The document holds more operations than <c>GraphQL:Limits:MaxOperations</c>.</summary>
    public const string DocumentTooManyOperations = "DOCUMENT_TOO_MANY_OPERATIONS";

    /// <summary>A field is given more arguments than <c>GraphQL:Limits:MaxArgumentsPerField</c>.</summary>
    public const string FieldTooManyArguments = "FIELD_TOO_MANY_ARGUMENTS";

    /// <summary>The request's variables nest deeper than <c>GraphQL:Limits:MaxVariablesDepth</c>.</summary>
    public const string VariablesTooDeep = "VARIABLES_TOO_DEEP";

    /// <summary>The request's variables hold more values than <c>GraphQL:Limits:MaxVariableValues</c>.</summary>
    public const string VariablesTooLarge = "VARIABLES_TOO_LARGE";

    /// <summary>The operation's estimated cost is above <c>GraphQL:Limits:MaxCost</c>.</summary>
    public const string CostLimitExceeded = "COST_LIMIT_EXCEEDED";

    /// <summary>The operation ran longer than <c>GraphQL:Limits:ExecutionTimeout</c> and was cancelled.</summary>
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";

    /// <summary>Stands for the errors past <c>GraphQL:Limits:MaxErrors</c>, which the response leaves out.</summary>
    public const string TooManyErrors = "TOO_MANY_ERRORS";

    /// <summary>The response would be larger than <c>GraphQL:Limits:MaxResponseSize</c>.</summary>
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";

    /// <summary>An input value outside what its type or column can hold (a decimal too large, a control character in a name).</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>The client sent more requests than its rate allows; <c>Retry-After</c> says when to try again.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The server, the client address or the user holds as many WebSockets or SSE streams as allowed (503 or 429); <c>Retry-After</c> says when to try again.</summary>
    public const string TooManyConnections = "TOO_MANY_CONNECTIONS";

    /// <summary>A WebSocket (or a single-connection SSE stream) runs <c>GraphQL:Limits:MaxOperationsPerSocket</c> operations already; the new one is refused, the others go on.</summary>
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";

    /// <summary>A persisted id (<c>documentId</c> or <c>extensions.persistedQuery</c>) the server does not know: send the document with it (automatic persisted queries) or use a trusted document's id.</summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>Persisted ids are off (<c>GraphQL:PersistedOperations:Mode=Off</c>) or the version is not 1: send the document itself.</summary>
    public const string PersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";

    /// <summary>Only trusted documents run (<c>GraphQL:PersistedOperations:Mode=TrustedOnly</c>) and this one is not among them.</summary>
    public const string PersistedQueryNotAllowed = "PERSISTED_QUERY_NOT_ALLOWED";

    /// <summary>The persisted id sent with a document is not that document's SHA-256; nothing was stored.</summary>
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    /// <summary>The persisted id is malformed (not 64 hexadecimal digits, or <c>persistedQuery</c> not an object).</summary>
    public const string PersistedQueryInvalid = "PERSISTED_QUERY_INVALID";

    /// <summary>A batch (a JSON array of requests) holds more than <c>GraphQL:MaxBatchSize</c> requests. 413.</summary>
    public const string BatchTooLarge = "BATCH_TOO_LARGE";

    /// <summary>A batch (a JSON array of requests) holds no request. 400.</summary>
    public const string BatchEmpty = "BATCH_EMPTY";

    /// <summary>No single-connection event stream is reserved under the <c>X-GraphQL-Event-Stream-Token</c> sent (never made, expired, or ended). 404.</summary>
    public const string StreamNotFound = "SSE_STREAM_NOT_FOUND";

    /// <summary>The reserved event stream is open already; a reservation is fulfilled by one stream only. 409.</summary>
    public const string StreamAlreadyOpen = "SSE_STREAM_ALREADY_OPEN";

    /// <summary>The reserved event stream runs an operation with this <c>operationId</c> already. 409.</summary>
    public const string OperationIdInUse = "SSE_OPERATION_ID_IN_USE";
}
