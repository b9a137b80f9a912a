using BenchmarkDotNet.Attributes;

namespace Graph.Benchmarks;

/// <summary>
/// The Storefront operation taken apart, to see which of its selections costs what: each case
/// runs one part of it (cache warm, one request at a time) through the serving layer.
/// </summary>
[MemoryDiagnoser]
public class StorefrontPartsBenchmarks
{
    internal static readonly Dictionary<string, string> Parts = new()
    {
        ["categories"] = "{ categories { id name slug } }",
        ["products"] = "{ products(first: 12) { nodes { id name slug price inStock } } }",
        ["+totalCount"] = "{ products(first: 12) { totalCount nodes { id name slug price inStock } } }",
        ["+pageInfo"] = "{ products(first: 12) { pageInfo { hasNextPage endCursor } nodes { id name slug price inStock } } }",
        ["+ratings"] = "{ products(first: 12) { nodes { id name slug price inStock averageRating reviewCount } } }",
        ["+category"] = "{ products(first: 12) { nodes { id name slug price inStock category { id name slug } } } }",
    };

    private ShopHost? _host;
    private Pipeline _pipeline = null!;
    private string _document = string.Empty;

    [Params("categories", "products", "+totalCount", "+pageInfo", "+ratings", "+category")]
    public string Part { get; set; } = "categories";

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        _pipeline = Pipeline.Of(_host.AppServices);
        _document = Parts[Part];
        _pipeline.EnsureClean(_document);
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark]
    public Task Run() => _pipeline.ExecuteAsync(_document, Stream.Null);
}
