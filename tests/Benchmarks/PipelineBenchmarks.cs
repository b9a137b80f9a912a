using BenchmarkDotNet.Attributes;

namespace Graph.Benchmarks;

/// <summary>
/// <c>{ __typename }</c> and a catalog query through the serving layer (<see cref="Pipeline"/>,
/// serialized to <see cref="Stream.Null"/>) on the real application (<see cref="ShopHost"/>, a seeded
/// SQLite file), with the document cache warm, missed, and off.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private ShopHost? _host;
    private Pipeline _pipeline = null!;
    private uint _counter;

    /// <summary>How the document cache is met.</summary>
    public enum CacheMode
    {
        /// <summary>The same document text every time: parsed and validated once, then found.</summary>
        Warm,

        /// <summary>A different text every time (whitespace only), cache on: a miss, parse and full validation, and the cache's upkeep.</summary>
        Miss,

        /// <summary><c>GraphQL:DocumentCacheSize=0</c>: the same text parsed and fully validated every time.</summary>
        Off,
    }

    [Params(CacheMode.Warm, CacheMode.Miss, CacheMode.Off)]
    public CacheMode Cache { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost(Cache == CacheMode.Off ? 0 : null);
        _pipeline = Pipeline.Of(_host.AppServices);
        _pipeline.EnsureClean(Pipeline.TypenameDocument, Pipeline.CatalogDocument);
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Description = "{ __typename }")]
    public Task Typename() => _pipeline.ExecuteAsync(Document(Pipeline.TypenameDocument), Stream.Null);

    [Benchmark(Description = "catalog query")]
    public Task Catalog() => _pipeline.ExecuteAsync(Document(Pipeline.CatalogDocument), Stream.Null);

    // Miss: the document followed by 32 blanks, spaces and tabs spelling a counter in binary, so
    // that every text is new while the syntax tree stays the same.
    private string Document(string document)
    {
        if (Cache != CacheMode.Miss)
        {
            return document;
        }

        var n = ++_counter;
        return string.Create(document.Length + 32, (document, n), static (span, state) =>
        {
            state.document.AsSpan().CopyTo(span);
            for (var bit = 0; bit < 32; bit++)
            {
                span[state.document.Length + bit] = ((state.n >> bit) & 1) == 0 ? ' ' : '\t';
            }
        });
    }
}
