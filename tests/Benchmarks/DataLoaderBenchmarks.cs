using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;

namespace Graph.Benchmarks;

/// <summary>
/// What the data loader costs on top of the query it batches: one wave of <see cref="Keys"/>
/// distinct loads awaited the way the execution strategy awaits them (untyped
/// <see cref="IDataLoaderResult.GetResultAsync"/>), against an in-memory batch function, compared
/// with calling that batch function directly. The "Per key" column is Mean / Keys.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerKeyConfig))]
public class DataLoaderBenchmarks
{
    private string[] _rows = [];
    private int[] _keys = [];
    private CachedLoader _warm = null!;

    /// <summary>How many distinct keys one wave asks for (10,000 is 20 batches of 500).</summary>
    [Params(10, 1_000, 10_000)]
    public int Keys { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _rows = [.. Enumerable.Range(0, Keys).Select(key => $"row {key}")];
        _keys = [.. Enumerable.Range(0, Keys)];
        _warm = new CachedLoader(_rows);
        await LoadWaveAsync(_warm);
    }

    /// <summary>The batch function alone, over the same batches the loader would send.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> BatchFunctionOnly()
    {
        var found = 0;
        foreach (IReadOnlyList<int> batch in _keys.Chunk(DataLoaderOptions.DefaultMaxBatchSize))
        {
            found += (await InMemoryLoadAsync(_rows, batch)).Count;
        }

        return found;
    }

    /// <summary>A fresh request: every key queued, one dispatch, every result awaited.</summary>
    [Benchmark]
    public Task<int> OneWave() => LoadWaveAsync(new CachedLoader(_rows));

    /// <summary>A later wave asking again for keys this request already loaded: cache hits only.</summary>
    [Benchmark]
    public Task<int> OneWaveFromCache() => LoadWaveAsync(_warm);

    private async Task<int> LoadWaveAsync(CachedLoader loader)
    {
        var pending = new IDataLoaderResult[_keys.Length];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = loader.LoadAsync(_keys[i]);
        }

        var awaited = new Task<object?>[pending.Length];
        for (var i = 0; i < awaited.Length; i++)
        {
            awaited[i] = pending[i].GetResultAsync(CancellationToken.None);
        }

        var values = await Task.WhenAll(awaited);
        return values.Length;
    }

    private static Task<IReadOnlyDictionary<int, string>> InMemoryLoadAsync(string[] rows, IReadOnlyList<int> keys)
    {
        var found = new Dictionary<int, string>(keys.Count);
        foreach (var key in keys)
        {
            found[key] = rows[key];
        }

        return Task.FromResult<IReadOnlyDictionary<int, string>>(found);
    }

    private sealed class CachedLoader(string[] rows) : BatchDataLoader<int, string>
    {
        protected override Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
            InMemoryLoadAsync(rows, keys);
    }

    private sealed class PerKeyConfig : ManualConfig
    {
        public PerKeyConfig() => AddColumn(new PerKeyColumn());
    }

    /// <summary>Mean time divided by the case's <see cref="Keys"/>: the cost of one key.</summary>
    private sealed class PerKeyColumn : IColumn
    {
        public string Id => nameof(PerKeyColumn);

        public string ColumnName => "Per key";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "Mean / Keys";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var keys = benchmarkCase.Parameters[nameof(Keys)] as int?;
            return mean is { } nanoseconds && keys is > 0
                ? $"{nanoseconds / keys.Value:N1} ns"
                : "-";
        }
    }
}
