namespace Graph.AspNetCore.Data;

/// <summary>The direction of a sort key.</summary>
public enum SortDirection
{
    /// <summary>Smallest first.</summary>
    Ascending,

    /// <summary>Largest first.</summary>
    Descending,
}
