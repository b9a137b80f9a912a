using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Graph.Api.Schema;
using Graph.AspNetCore;
using Graph.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Benchmarks;

/// <summary>
/// <c>limits-overhead [rounds]</c>: what the request limits cost a Storefront request, as the ratio of
/// CPU time per request with every limit at its default to every limit off (each set to zero), in
/// one process. The two settings alternate in short slices (A B B A …) on the same host, pipeline,
/// document cache and data, so the machine's slow and fast spells fall on both alike; separate
/// load.sh runs of two builds differ by more than the few per cent being measured. The request is a
/// POST through <c>UseAuthentication</c> and the GraphQL middleware, the response written (buffered
/// when the limit is on) to <see cref="Stream.Null"/>.
/// </summary>
public static class LimitsOverhead
{
    private const int RequestsPerSlice = 400;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        using var host = new ShopHost();
        var services = host.AppServices;
        var limits = services.GetRequiredService<IOptions<GraphQLServerOptions>>().Value.Limits;
        var defaults = new GraphQLLimitsOptions();
        var off = AllOff();
        var pipeline = new ApplicationBuilder(services)
            .UseAuthentication()
            .UseMiddleware<GraphQLHttpMiddleware<ShopSchema>>()
            .Build();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var body = StorefrontBody();

        // Warm both settings up: JIT, document cache, connection pool.
        foreach (var setting in new[] { defaults, off, defaults, off })
        {
            CopyLimits(setting, limits);
            await RunSliceAsync(pipeline, scopes, body, RequestsPerSlice * 2);
        }

        var on = new List<Slice>();
        var without = new List<Slice>();
        for (var round = 0; round < rounds; round++)
        {
            // A B then B A: a drift in the machine's speed within a round favours neither.
            var order = round % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var limitsOn in order)
            {
                CopyLimits(limitsOn ? defaults : off, limits);
                (limitsOn ? on : without).Add(await MeasureSliceAsync(pipeline, scopes, body));
            }
        }

        CopyLimits(defaults, limits);
        Report("limits on (defaults)", on);
        Report("limits off (all zero)", without);
        var ratios = on.Zip(without, (a, b) => a.CpuMicroseconds / b.CpuMicroseconds).Order().ToList();
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"CPU per request, on/off: median of per-round ratios {Median(ratios):F4}, ratio of medians {Median(on.Select(s => s.CpuMicroseconds)) / Median(without.Select(s => s.CpuMicroseconds)):F4}, rounds {rounds}, {RequestsPerSlice} requests per slice"));
        return 0;
    }

    private static async Task<Slice> MeasureSliceAsync(RequestDelegate pipeline, IServiceScopeFactory scopes, byte[] body)
    {
        using var process = Process.GetCurrentProcess();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var cpu = process.TotalProcessorTime;
        await RunSliceAsync(pipeline, scopes, body, RequestsPerSlice);
        process.Refresh();
        return new Slice(
            (process.TotalProcessorTime - cpu).TotalMicroseconds / RequestsPerSlice,
            (GC.GetTotalAllocatedBytes(precise: false) - allocated) / (double)RequestsPerSlice);
    }

    private static async Task RunSliceAsync(RequestDelegate pipeline, IServiceScopeFactory scopes, byte[] body, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            await InProcessPost.SendAsync(pipeline, scopes, body);
        }
    }

    private static byte[] StorefrontBody()
    {
        var query = StorefrontBenchmarks.Operation(
            File.ReadAllText(StorefrontBenchmarks.RepositoryFile("schema", "operations", "catalog.graphql")), "Storefront");
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["query"] = query,
            ["operationName"] = "Storefront",
            ["variables"] = new Dictionary<string, int> { ["first"] = 12 },
        }));
    }

    // Every per-request and per-document limit at zero, which turns it off.
    private static GraphQLLimitsOptions AllOff()
    {
        var off = new GraphQLLimitsOptions();
        foreach (var property in LimitProperties())
        {
            property.SetValue(off, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Zero : 0);
        }

        return off;
    }

    private static void CopyLimits(GraphQLLimitsOptions from, GraphQLLimitsOptions to)
    {
        foreach (var property in LimitProperties())
        {
            property.SetValue(to, property.GetValue(from));
        }
    }

    private static IEnumerable<PropertyInfo> LimitProperties() =>
        typeof(GraphQLLimitsOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && (p.PropertyType == typeof(int) || p.PropertyType == typeof(TimeSpan)));

    private static void Report(string name, List<Slice> slices)
    {
        var cpu = slices.Select(s => s.CpuMicroseconds).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-24} CPU µs/request median {Median(cpu),7:F1} (min {cpu[0]:F1}, max {cpu[^1]:F1}); allocated B/request median {Median(slices.Select(s => s.AllocatedBytes)),8:F0}"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private readonly record struct Slice(double CpuMicroseconds, double AllocatedBytes);
}
