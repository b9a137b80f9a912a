namespace Graph.AspNetCore.Data;

/// <summary>Where a page sits in its list (Relay's <c>PageInfo</c>).</summary>
/// <param name="HasNextPage">Whether items follow the page.</param>
/// <param name="HasPreviousPage">Whether items precede the page.</param>
/// <param name="StartCursor">The cursor of the page's first item; null when the page is empty.</param>
/// <param name="EndCursor">The cursor of the page's last item; null when the page is empty.</param>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
