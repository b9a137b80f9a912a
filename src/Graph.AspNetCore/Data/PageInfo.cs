namespace Graph.AspNetCore.Data;

/// <summary>
/// Where a page sits in its list (Relay's <c>PageInfo</c>). Its start and end cursors are its first
/// and last edges' cursors, written only when asked for.
/// </summary>
/// <param name="hasNextPage">Whether items follow the page.</param>
/// <param name="hasPreviousPage">Whether items precede the page.</param>
/// <param name="first">The page's first edge; null when the page is empty.</param>
/// <param name="last">The page's last edge; null when the page is empty.</param>
public sealed class PageInfo(bool hasNextPage, bool hasPreviousPage, IEdge? first, IEdge? last)
{
    /// <summary>Whether items follow the page.</summary>
    public bool HasNextPage { get; } = hasNextPage;

    /// <summary>Whether items precede the page.</summary>
    public bool HasPreviousPage { get; } = hasPreviousPage;

    /// <summary>The cursor of the page's first item; null when the page is empty.</summary>
    public string? StartCursor => first?.Cursor;

    /// <summary>The cursor of the page's last item; null when the page is empty.</summary>
    public string? EndCursor => last?.Cursor;
}
