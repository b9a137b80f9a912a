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

    /// <summary>Introspection was asked for where it is turned off.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

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
}
