namespace Graph.AspNetCore.DataLoader;

/// <summary>Settings of one data loader.</summary>
public sealed class DataLoaderOptions
{
    /// <summary>
    /// The default <see cref="MaxBatchSize"/>. The key list travels as one parameter (a JSON array
    /// or a PostgreSQL array), so no parameter limit applies; the cap keeps one query's key list,
    /// its result and the time a batch holds a connection moderate when a wave asks for thousands.
    /// </summary>
    public const int DefaultMaxBatchSize = 500;

    /// <summary>The shared default settings.</summary>
    public static DataLoaderOptions Default { get; } = new();

    /// <summary>
    /// The most keys handed to one fetch. More keys queued in one wave are split into several
    /// batches, all dispatched together.
    /// </summary>
    public int MaxBatchSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = DefaultMaxBatchSize;
}
