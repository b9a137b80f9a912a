using System.Text;
using BenchmarkDotNet.Attributes;
using Graph.Api.Schema;
using Graph.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// One POST of <c>{"query":"{ __typename }"}</c> through the HTTP layer in-process, without Kestrel
/// or sockets: a <see cref="DefaultHttpContext"/> with the body in memory and the response to
/// <see cref="Stream.Null"/>. The bare handler of load.sh, the GraphQL middleware alone, and the
/// middleware behind <c>UseAuthentication</c> as Program has it; the differences are what the
/// serving layer adds to each request.
/// </summary>
[MemoryDiagnoser]
public class HttpBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"}");

    private ShopHost? _host;
    private IServiceScopeFactory _scopes = null!;
    private RequestDelegate _graphQL = null!;
    private RequestDelegate _authenticatedGraphQL = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        var services = _host.AppServices;
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _graphQL = new ApplicationBuilder(services)
            .UseMiddleware<GraphQLHttpMiddleware<ShopSchema>>()
            .Build();
        _authenticatedGraphQL = new ApplicationBuilder(services)
            .UseAuthentication()
            .UseMiddleware<GraphQLHttpMiddleware<ShopSchema>>()
            .Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, Description = "bare handler")]
    public Task Bare() => RunAsync(BareServer.AnswerAsync);

    [Benchmark(Description = "GraphQL middleware")]
    public Task GraphQL() => RunAsync(_graphQL);

    [Benchmark(Description = "UseAuthentication + GraphQL middleware")]
    public Task AuthenticatedGraphQL() => RunAsync(_authenticatedGraphQL);

    private Task RunAsync(RequestDelegate pipeline) => InProcessPost.SendAsync(pipeline, _scopes, Body);
}
