using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using GraphQL;
using GraphQL.Transport;

namespace Graph.Benchmarks;

/// <summary>
/// The <c>Storefront</c> operation of schema/operations/catalog.graphql with <c>{"first":12}</c>,
/// anonymous, cache warm, through the serving layer (<see cref="Pipeline"/>): one request at a time,
/// and 64 at once (as load.sh's 64 connections), per request.
/// </summary>
[MemoryDiagnoser]
public partial class StorefrontBenchmarks
{
    private const int Concurrency = 64;

    private ShopHost? _host;
    private Pipeline _pipeline = null!;
    private GraphQLRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        _pipeline = Pipeline.Of(_host.AppServices);
        _request = new GraphQLRequest
        {
            Query = Operation(File.ReadAllText(RepositoryFile("schema", "operations", "catalog.graphql")), "Storefront"),
            OperationName = "Storefront",
            Variables = new Inputs(new Dictionary<string, object?> { ["first"] = 12 }),
        };
        _pipeline.EnsureClean(_request);
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, Description = "one at a time")]
    public Task Sequential() => _pipeline.ExecuteAsync(_request, Stream.Null);

    [Benchmark(OperationsPerInvoke = Concurrency, Description = "64 at once (per request)")]
    public Task Concurrent() =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(() => _pipeline.ExecuteAsync(_request, Stream.Null))));

    // The named operation's definition alone: from its first line to the first '}' in column 0.
    internal static string Operation(string document, string name)
    {
        var match = OperationPattern().Matches(document).FirstOrDefault(m => m.Groups["name"].Value == name)
            ?? throw new InvalidOperationException($"No operation {name}.");
        return match.Value;
    }

    internal static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^(query|mutation|subscription)\s+(?<name>\w+)[\s\S]*?^\}", RegexOptions.Multiline)]
    private static partial Regex OperationPattern();
}
