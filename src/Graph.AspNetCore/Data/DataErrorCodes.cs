namespace Graph.AspNetCore.Data;

/// <summary>The <c>extensions.code</c> values of paging, filtering and sorting errors.</summary>
public static class DataErrorCodes
{
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
}
