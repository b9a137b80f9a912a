using BenchmarkDotNet.Attributes;
using Graph.Api.Schema;
using Graph.AspNetCore;
using Graph.AspNetCore.Limits;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Limits.Cost;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// What the request limits cost. Per request (a cached document): the variables check and the cost
/// estimate of Storefront with <c>{"first":12}</c>, to compare with a whole Storefront request
/// (<see cref="StorefrontBenchmarks"/>). Per new document: the token count and the shape walk of
/// the whole catalog.graphql.
/// </summary>
[MemoryDiagnoser]
public class LimitsBenchmarks
{
    private readonly GraphQLLimitsOptions _limits = new();

    // A token budget below the text's length, so the whole document is lexed and counted.
    private readonly GraphQLLimitsOptions _lexing = new() { MaxTokens = 1_000 };
    private ShopHost? _host;
    private CostAnalyzer _cost = null!;
    private GraphQLDocument _storefront = null!;
    private GraphQLOperationDefinition _operation = null!;
    private Inputs _variables = null!;
    private string _catalogText = string.Empty;
    private GraphQLDocument _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        _cost = new CostAnalyzer(_host.AppServices.GetRequiredService<ShopSchema>());
        _catalogText = File.ReadAllText(StorefrontBenchmarks.RepositoryFile("schema", "operations", "catalog.graphql"));
        _catalog = Parser.Parse(_catalogText);
        _storefront = Parser.Parse(StorefrontBenchmarks.Operation(_catalogText, "Storefront"));
        _operation = _storefront.Definitions.OfType<GraphQLOperationDefinition>().Single();
        _variables = new Inputs(new Dictionary<string, object?> { ["first"] = 12 });
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    private ExecutionResult _storefrontResult = null!;
    private IGraphQLTextSerializer _serializer = null!;

    [GlobalSetup(Targets = [nameof(ResponseDirect), nameof(ResponseBuffered)])]
    public void SetupResponse()
    {
        Setup();
        var executor = _host!.AppServices.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>();
        _serializer = _host.AppServices.GetRequiredService<IGraphQLTextSerializer>();
        using var scope = _host.AppServices.CreateScope();
        var request = new GraphQL.Transport.GraphQLRequest { Query = StorefrontBenchmarks.Operation(_catalogText, "Storefront"), OperationName = "Storefront", Variables = _variables };
        _storefrontResult = executor.ExecuteAsync(executor.Prepare(request), null, scope.ServiceProvider, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "per request: Storefront's response written directly")]
    public Task ResponseDirect() => _serializer.WriteAsync(Stream.Null, _storefrontResult);

    [Benchmark(Description = "per request: Storefront's response through the MaxResponseSize buffer")]
    public async Task ResponseBuffered()
    {
        await using var buffer = new FileBufferingWriteStream(_limits.MaxResponseSize, _limits.MaxResponseSize);
        await _serializer.WriteAsync(buffer, _storefrontResult);
        await buffer.DrainBufferAsync(Stream.Null);
    }

    [Benchmark(Description = "per request: the execution timeout's linked token and timer")]
    public void TimeoutToken()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
        timeout.CancelAfter(_limits.ExecutionTimeout);
    }

    [Benchmark(Description = "per request: variables + cost (Storefront)")]
    public double PerRequest() =>
        VariableLimits.Check(_variables, _limits) is null ? _cost.Estimate(_storefront, _operation, _variables) : -1;

    [Benchmark(Description = "per new document: text limits (catalog.graphql)")]
    public object? Text() => DocumentTextLimits.Check(_catalogText, _lexing);

    [Benchmark(Description = "per new document: shape (catalog.graphql)")]
    public object? Shape() => DocumentShapeLimits.Check(_catalog, _limits);
}
