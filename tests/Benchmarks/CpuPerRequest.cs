using System.Diagnostics;
using System.Globalization;
using GraphQL;
using GraphQL.Transport;

namespace Graph.Benchmarks;

/// <summary>
/// <c>cpu-per-request</c>: the process CPU time (all threads: execution, GC, the thread pool) and
/// the wall time per request of each benchmark document, run one at a time through the serving
/// layer after a warm-up. CPU time hardly moves when other processes share the cores, so this
/// tells costs apart on a busy machine where BenchmarkDotNet's wall-clock figures scatter.
/// </summary>
public static class CpuPerRequest
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        using var host = new ShopHost();
        var pipeline = Pipeline.Of(host.AppServices);
        var storefront = StorefrontBenchmarks.Operation(
            await File.ReadAllTextAsync(StorefrontBenchmarks.RepositoryFile("schema", "operations", "catalog.graphql")), "Storefront");
        var cases = new List<(string Name, GraphQLRequest Request)>
        {
            ("{ __typename }", new GraphQLRequest { Query = Pipeline.TypenameDocument }),
            ("catalog query", new GraphQLRequest { Query = Pipeline.CatalogDocument }),
        };
        cases.AddRange(StorefrontPartsBenchmarks.Parts.Select(p => ("storefront part " + p.Key, new GraphQLRequest { Query = p.Value })));
        cases.Add(("Storefront {first:12}", new GraphQLRequest
        {
            Query = storefront,
            OperationName = "Storefront",
            Variables = new Inputs(new Dictionary<string, object?> { ["first"] = 12 }),
        }));

        using var process = Process.GetCurrentProcess();
        await Console.Out.WriteLineAsync($"{"case",-32} {"CPU us/request",15} {"wall us/request",16} {"requests",9}");
        foreach (var (name, request) in cases)
        {
            pipeline.EnsureClean(request);
            await RunForAsync(pipeline, request, WarmUp);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var count = await RunForAsync(pipeline, request, Measure);
            wall.Stop();
            process.Refresh();
            var cpuPerRequest = (process.TotalProcessorTime - cpu).TotalMicroseconds / count;
            var wallPerRequest = wall.Elapsed.TotalMicroseconds / count;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} {cpuPerRequest,15:F1} {wallPerRequest,16:F1} {count,9}"));
        }
    }

    private static async Task<int> RunForAsync(Pipeline pipeline, GraphQLRequest request, TimeSpan duration)
    {
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await pipeline.ExecuteAsync(request, Stream.Null);
            count++;
        }

        return count;
    }
}
