using System.Security.Claims;
using System.Text;
using Graph.Api.Schema;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// One GraphQL request through the serving layer without HTTP, as the middleware runs it:
/// <see cref="GraphQLRequestExecutor{TSchema}.Prepare"/>, <see cref="GraphQLRequestExecutor{TSchema}.ExecuteAsync"/>
/// in a request scope of its own, and the result written by the registered <see cref="IGraphQLTextSerializer"/>.
/// </summary>
public sealed class Pipeline(GraphQLRequestExecutor<ShopSchema> executor, IServiceProvider services)
{
    public const string TypenameDocument = "{ __typename }";

    public const string CatalogDocument =
        "{ categories { id name slug } productBySlug(slug: \"classic-novel-1\") { id name price inStock category { name } } }";

    // An anonymous caller, as HttpContext.User is for a request without credentials.
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private readonly IGraphQLTextSerializer _serializer = services.GetRequiredService<IGraphQLTextSerializer>();
    private readonly IServiceScopeFactory _scopes = services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>The pipeline of the application's own executor.</summary>
    public static Pipeline Of(IServiceProvider services) =>
        new(services.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>(), services);

    public Task ExecuteAsync(string document, Stream output) => ExecuteAsync(new GraphQLRequest { Query = document }, output);

    public async Task ExecuteAsync(GraphQLRequest request, Stream output)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var prepared = executor.Prepare(request);
            var result = await executor.ExecuteAsync(prepared, Anonymous, scope.ServiceProvider, CancellationToken.None).ConfigureAwait(false);
            await _serializer.WriteAsync(output, result).ConfigureAwait(false);
        }
    }

    /// <summary>Runs each document once and fails unless it answers with data and no error.</summary>
    public void EnsureClean(params string[] documents)
    {
        foreach (var document in documents)
        {
            EnsureClean(new GraphQLRequest { Query = document });
        }
    }

    /// <summary>Runs the request once and fails unless it answers with data and no error.</summary>
    public void EnsureClean(GraphQLRequest request)
    {
        using var buffer = new MemoryStream();
        ExecuteAsync(request, buffer).GetAwaiter().GetResult();
        var json = Encoding.UTF8.GetString(buffer.ToArray());
        if (!json.StartsWith("{\"data\":", StringComparison.Ordinal) || json.Contains("\"errors\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The benchmark document does not execute cleanly: {json}");
        }
    }
}
