using System.Diagnostics.CodeAnalysis;

namespace Graph.AspNetCore.Data;

/// <summary>
/// A fetched item with its sort key values, read by the same SELECT: the cursor needs the values
/// as the database ordered them, and a key may be computed or reach into another table.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the query's projection expression.")]
internal sealed class KeysetRow<TEntity>
{
    /// <summary>The item.</summary>
    public TEntity Node { get; init; } = default!;

    /// <summary>The values of the sort keys, in key order.</summary>
    public object?[] Keys { get; init; } = [];

    /// <summary>
    /// The whole filtered list's size, when the same SELECT was asked to count it (an uncorrelated
    /// subquery, which SQLite and PostgreSQL evaluate once per statement).
    /// </summary>
    public int TotalCount { get; init; }
}
