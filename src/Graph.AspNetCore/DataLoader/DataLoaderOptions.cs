namespace Graph.AspNetCore.DataLoader;

/// <summary>Settings of one data loader.</summary>
public sealed class DataLoaderOptions
{
    /// <summary>
    /// The default <see cref="MaxBatchSize"/>: well under SQLite's limit of bound parameters per
    /// statement, so one batch fits in one <c>WHERE key IN (…)</c> query.
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
