namespace Graph.AspNetCore.Data;

/// <summary>How large the pages of a connection are.</summary>
public sealed record PagingOptions
{
    /// <summary>The contract's sizes: 10 items unless asked otherwise, at most 50.</summary>
    public static PagingOptions Default { get; } = new();

    /// <summary>The page size when neither <c>first</c> nor <c>last</c> is given.</summary>
    public int DefaultPageSize { get; init; } = 10;

    /// <summary>The largest <c>first</c> or <c>last</c> accepted; more is an error, never a silent cut.</summary>
    public int MaxPageSize { get; init; } = 50;
}
