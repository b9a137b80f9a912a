using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Graph.Api.Schema;
using Graph.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// <c>cache-hits</c>: the CPU time and the bytes allocated per request that the response cache
/// answers, for the catalog's three pages POSTed in-process through <c>UseAuthentication</c> and the
/// GraphQL middleware as <c>Program</c> has them (no Kestrel, no sockets): what the serving layer
/// itself spends on a hit, which over HTTP sits on top of Kestrel's and the kernel's share.
/// </summary>
public static class CacheHitCpu
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    /// <param name="sampleAllocations">after each case, the types its allocations were made of (sampled)</param>
    public static async Task RunAsync(bool sampleAllocations)
    {
        using var sampler = sampleAllocations ? new AllocationSampler() : null;
        using var host = new ShopHost();
        var services = host.AppServices;
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var pipeline = new ApplicationBuilder(services)
            .UseAuthentication()
            .UseMiddleware<GraphQLHttpMiddleware<ShopSchema>>()
            .Build();
        var catalog = await File.ReadAllTextAsync(StorefrontBenchmarks.RepositoryFile("schema", "operations", "catalog.graphql"));
        var slug = await FirstProductSlugAsync(pipeline, scopes);
        var cases = new (string Name, string Operation, object Variables)[]
        {
            ("Storefront {first:12}", "Storefront", new { first = 12 }),
            ("ProductPage {slug: first}", "ProductPage", new { slug }),
            ("CategoryPage {slug: books}", "CategoryPage", new { slug = "books", first = 20 }),
        };

        using var process = Process.GetCurrentProcess();
        await Console.Out.WriteLineAsync($"{"case (cache hit)",-32} {"CPU us/request",15} {"bytes/request",14} {"requests",9}");
        // Two rounds: the first also pays for tiered compilation finishing in the background.
        foreach (var (name, operation, variables) in cases.Concat(cases))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                query = StorefrontBenchmarks.Operation(catalog, operation),
                operationName = operation,
                variables,
            });
            await RunForAsync(pipeline, scopes, body, WarmUp);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            sampler?.Start();
            var count = await RunForAsync(pipeline, scopes, body, Measure);
            sampler?.Stop();
            process.Refresh();
            var bytesPerRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / count;
            var cpuPerRequest = (process.TotalProcessorTime - cpu).TotalMicroseconds / count;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} {cpuPerRequest,15:F2} {bytesPerRequest,14:N0} {count,9}"));
            foreach (var (type, share) in sampler?.Top(15) ?? [])
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {share,6:P1}  {type}"));
            }
        }
    }

    private static async Task<string> FirstProductSlugAsync(RequestDelegate pipeline, IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var body = Encoding.UTF8.GetBytes("{\"query\":\"{ products(first: 1) { nodes { slug } } }\"}");
            context.Request.Method = HttpMethods.Post;
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(body);
            using var response = new MemoryStream();
            context.Response.Body = response;
            await pipeline(context);
            using var json = JsonDocument.Parse(response.ToArray());
            return json.RootElement.GetProperty("data").GetProperty("products").GetProperty("nodes")[0].GetProperty("slug").GetString()!;
        }
    }

    private static async Task<int> RunForAsync(RequestDelegate pipeline, IServiceScopeFactory scopes, byte[] body, TimeSpan duration)
    {
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await InProcessPost.SendAsync(pipeline, scopes, body);
            count++;
        }

        return count;
    }
}
