using System.Net.Http.Headers;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// A Production server on a real socket with small <c>GraphQL:Limits</c>, so the limits are reached
/// quickly; a test class's fixture derives from it with its own limits.
/// </summary>
public abstract class LimitsServer : IDisposable
{
    protected LimitsServer(IReadOnlyDictionary<string, string> limits)
    {
        var factory = new ShopApiFactory { EnvironmentName = "Production" };
        foreach (var (key, value) in limits)
        {
            factory.Settings[$"GraphQL:Limits:{key}"] = value;
        }

        Kestrel = new KestrelShopServer(factory);
    }

    public KestrelShopServer Kestrel { get; }

    public Uri Endpoint => Kestrel.GraphQLEndpoint;

    public GraphQLConnectionLimiters Connections => Kestrel.Services.GetRequiredService<GraphQLConnectionLimiters>();

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Kestrel.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A plain query over HTTP, answered as ever: the server is still serving.</summary>
    public async Task AssertServingAsync()
    {
        using var client = CreateClient();
        var response = await client.PostAsync("{ products(first: 1) { nodes { id } } }");
        response.AssertNoErrors();
        Assert.Single(response.Data!["products"]!["nodes"]!.AsArray());
    }

    public async Task<string> FirstProductIdAsync()
    {
        using var client = CreateClient();
        var response = await client.PostAsync("{ products(first: 1) { nodes { id } } }");
        return response.Data!["products"]!["nodes"]![0]!["id"]!.ToString();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Kestrel.Dispose();
        }
    }
}
