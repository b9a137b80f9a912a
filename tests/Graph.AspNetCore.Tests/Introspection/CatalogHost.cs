using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Introspection;

/// <summary><see cref="CatalogSchema"/> on the shared in-memory host (Development: introspection on).</summary>
internal sealed class CatalogHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private CatalogHost(WebApplication app)
    {
        _app = app;
        _client = app.GetTestClient();
    }

    public static async Task<CatalogHost> StartAsync() =>
        new(await GraphQLTestHost.StartAsync<CatalogSchema>("Development", services => services
            .AddSingleton<CatalogQuery>()
            .AddSingleton<ItemByInput>()
            .AddSingleton<PageFilterInput>()
            .AddSingleton<Sku>()));

    public IServiceProvider Services => _app.Services;

    /// <summary>Posts the request and returns the status and the parsed body.</summary>
    public async Task<(int Status, JsonNode Body)> PostAsync(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add("Accept", "application/graphql-response+json");
        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
