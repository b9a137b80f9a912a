using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using Graph.Api;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// One GraphQL request through the serving layer, without HTTP: <see cref="GraphQLRequestExecutor{TSchema}.Prepare"/>,
/// <see cref="GraphQLRequestExecutor{TSchema}.ExecuteAsync"/> in a request scope of its own, and the
/// result serialized by the registered <see cref="IGraphQLTextSerializer"/> to <see cref="Stream.Null"/>.
/// The application is the real one (<see cref="ShopHost"/>) on a seeded SQLite file.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    public const string TypenameDocument = "{ __typename }";

    public const string CatalogDocument =
        "{ categories { id name slug } productBySlug(slug: \"classic-novel-1\") { id name price inStock category { name } } }";

    // An anonymous caller, as HttpContext.User is for a request without credentials.
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private ShopHost? _host;
    private GraphQLRequestExecutor<ShopSchema> _executor = null!;
    private IGraphQLTextSerializer _serializer = null!;
    private IServiceScopeFactory _scopes = null!;
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
        var services = _host.AppServices;
        _executor = services.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>();
        _serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();

        // The cases must measure successful requests: check each answer once.
        foreach (var document in new[] { TypenameDocument, CatalogDocument })
        {
            var json = ExecuteToStringAsync(document).GetAwaiter().GetResult();
            if (!json.StartsWith("{\"data\":", StringComparison.Ordinal) || json.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The benchmark document does not execute cleanly: {json}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Description = "{ __typename }")]
    public Task Typename() => ExecuteAsync(Document(TypenameDocument), Stream.Null);

    [Benchmark(Description = "catalog query")]
    public Task Catalog() => ExecuteAsync(Document(CatalogDocument), Stream.Null);

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

    private async Task ExecuteAsync(string document, Stream output)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var prepared = _executor.Prepare(new GraphQLRequest { Query = document });
            var result = await _executor.ExecuteAsync(prepared, Anonymous, scope.ServiceProvider, CancellationToken.None).ConfigureAwait(false);
            await _serializer.WriteAsync(output, result).ConfigureAwait(false);
        }
    }

    private async Task<string> ExecuteToStringAsync(string document)
    {
        using var buffer = new MemoryStream();
        await ExecuteAsync(document, buffer).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
