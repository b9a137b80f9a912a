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
    private static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    /// <param name="only">when not empty, only the cases whose name contains one of these</param>
    public static async Task RunAsync(IReadOnlyList<string> only)
    {
        // "--allocations": after each case, the types its allocations were made of (sampled).
        var sampleAllocations = only.Contains("--allocations");
        // "--warmup SECONDS": a longer warm-up per case, for a busy machine where the tiered JIT
        // has not settled after the default 3 s (its background compilation counts as CPU time).
        var warmUp = DefaultWarmUp;
        var warmUpAt = only.ToList().IndexOf("--warmup");
        if (warmUpAt >= 0 && warmUpAt + 1 < only.Count)
        {
            warmUp = TimeSpan.FromSeconds(double.Parse(only[warmUpAt + 1], CultureInfo.InvariantCulture));
            only = [.. only.Where((_, i) => i != warmUpAt && i != warmUpAt + 1)];
        }

        only = [.. only.Where(o => o != "--allocations")];
        using var sampler = sampleAllocations ? new AllocationSampler() : null;
        using var host = new ShopHost();
        var pipeline = Pipeline.Of(host.AppServices);
        var catalog = await File.ReadAllTextAsync(StorefrontBenchmarks.RepositoryFile("schema", "operations", "catalog.graphql"));
        var storefront = StorefrontBenchmarks.Operation(catalog, "Storefront");
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
        cases.Add(("ProductPage {slug: first}", new GraphQLRequest
        {
            Query = StorefrontBenchmarks.Operation(catalog, "ProductPage"),
            OperationName = "ProductPage",
            Variables = new Inputs(new Dictionary<string, object?> { ["slug"] = await FirstProductSlugAsync(pipeline) }),
        }));
        cases.Add(("CategoryPage {slug: books}", new GraphQLRequest
        {
            Query = StorefrontBenchmarks.Operation(catalog, "CategoryPage"),
            OperationName = "CategoryPage",
            Variables = new Inputs(new Dictionary<string, object?> { ["slug"] = "books", ["first"] = 20 }),
        }));
        if (only.Count > 0)
        {
            cases.RemoveAll(c => !only.Any(o => c.Name.Contains(o, StringComparison.OrdinalIgnoreCase)));
        }

        using var process = Process.GetCurrentProcess();
        await Console.Out.WriteLineAsync($"{"case",-32} {"CPU us/request",15} {"wall us/request",16} {"bytes/request",14} {"requests",9} {"GCs/1k (0/1/2)",16}");
        foreach (var (name, request) in cases)
        {
            pipeline.EnsureClean(request);
            await RunForAsync(pipeline, request, warmUp);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var wall = Stopwatch.StartNew();
            sampler?.Start();
            var count = await RunForAsync(pipeline, request, Measure);
            sampler?.Stop();
            wall.Stop();
            process.Refresh();
            var bytesPerRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / count;
            var cpuPerRequest = (process.TotalProcessorTime - cpu).TotalMicroseconds / count;
            var wallPerRequest = wall.Elapsed.TotalMicroseconds / count;
            // Collections of each generation per 1,000 requests: how the GC settings spend the CPU time.
            var gcs = string.Join('/', collections.Select((before, generation) => ((GC.CollectionCount(generation) - before) * 1000.0 / count).ToString("F1", CultureInfo.InvariantCulture)));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} {cpuPerRequest,15:F1} {wallPerRequest,16:F1} {bytesPerRequest,14:N0} {count,9} {gcs,16}"));
            foreach (var (type, share) in sampler?.Top(25) ?? [])
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {share,6:P1}  {type}"));
            }
        }
    }

    private static async Task<string> FirstProductSlugAsync(Pipeline pipeline)
    {
        using var buffer = new MemoryStream();
        await pipeline.ExecuteAsync("{ products(first: 1) { nodes { slug } } }", buffer);
        using var json = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        return json.RootElement.GetProperty("data").GetProperty("products").GetProperty("nodes")[0].GetProperty("slug").GetString()!;
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
