using BenchmarkDotNet.Attributes;
using Graph.Api.Schema;
using Graph.AspNetCore;
using Graph.AspNetCore.Execution;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Benchmarks;

/// <summary>
/// The price of the request-dependent validation rules (<c>IRequestValidationRule</c>, e.g. the
/// authorization rule) that run for every request, cached documents included: the application's
/// executor against one built from the same services with no request rule. Cache warm.
/// </summary>
[MemoryDiagnoser]
public class RequestRuleBenchmarks
{
    private ShopHost? _host;
    private DocumentCache? _cache;
    private Pipeline _served = null!;
    private Pipeline _withoutRequestRules = null!;
    private string _document = string.Empty;

    [Params("typename", "catalog")]
    public string Query { get; set; } = "typename";

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        var services = _host.AppServices;
        var options = services.GetRequiredService<IOptions<GraphQLServerOptions>>();
        _cache = new DocumentCache(options);
        var executor = new GraphQLRequestExecutor<ShopSchema>(
            services.GetRequiredService<IDocumentExecuter<ShopSchema>>(),
            services.GetRequiredService<ShopSchema>(),
            _cache,
            options,
            services.GetRequiredService<IHostEnvironment>(),
            []);
        _served = Pipeline.Of(services);
        _withoutRequestRules = new Pipeline(executor, services);
        _document = Query == "catalog" ? Pipeline.CatalogDocument : Pipeline.TypenameDocument;
        _served.EnsureClean(_document);
        _withoutRequestRules.EnsureClean(_document);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        _host?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "served executor")]
    public Task Served() => _served.ExecuteAsync(_document, Stream.Null);

    [Benchmark(Description = "no request rules")]
    public Task WithoutRequestRules() => _withoutRequestRules.ExecuteAsync(_document, Stream.Null);
}
