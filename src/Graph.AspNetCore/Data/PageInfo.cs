namespace Graph.AspNetCore.Data;

/// <summary>
/// Where a page sits in its list (Relay's <c>PageInfo</c>). The start and end cursors of a page read
/// from the database are its first and last edges' cursors, written only when asked for.
/// </summary>
public sealed class PageInfo
{
    private readonly IEdge? _first;
    private readonly IEdge? _last;
    private readonly string? _startCursor;
    private readonly string? _endCursor;

    /// <summary>A page's place with its cursors known.</summary>
    /// <param name="hasNextPage">Whether items follow the page.</param>
    /// <param name="hasPreviousPage">Whether items precede the page.</param>
    /// <param name="startCursor">The cursor of the page's first item; null when the page is empty.</param>
    /// <param name="endCursor">The cursor of the page's last item; null when the page is empty.</param>
    public PageInfo(bool hasNextPage, bool hasPreviousPage, string? startCursor, string? endCursor)
    {
        HasNextPage = hasNextPage;
        HasPreviousPage = hasPreviousPage;
        _startCursor = startCursor;
        _endCursor = endCursor;
    }

    // A page's place, its cursors those of its first and last edges (none when it is empty).
    internal PageInfo(bool hasNextPage, bool hasPreviousPage, IEdge? first, IEdge? last)
    {
        HasNextPage = hasNextPage;
        HasPreviousPage = hasPreviousPage;
        _first = first;
        _last = last;
    }

    /// <summary>Whether items follow the page.</summary>
    public bool HasNextPage { get; }

    /// <summary>Whether items precede the page.</summary>
    public bool HasPreviousPage { get; }

    /// <summary>The cursor of the page's first item; null when the page is empty.</summary>
    public string? StartCursor => _startCursor ?? _first?.Cursor;

    /// <summary>The cursor of the page's last item; null when the page is empty.</summary>
    public string? EndCursor => _endCursor ?? _last?.Cursor;
}
