using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.Tests.Introspection;

/// <summary><see cref="CatalogSchema"/> served by the serving layer on an in-memory test server (Development: introspection on).</summary>
internal sealed class CatalogHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private CatalogHost(WebApplication app)
    {
        _app = app;
        _client = app.GetTestClient();
    }

    public static async Task<CatalogHost> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<CatalogQuery>();
        builder.Services.AddSingleton<ItemByInput>();
        builder.Services.AddSingleton<PageFilterInput>();
        builder.Services.AddSingleton<Sku>();
        builder.Services.AddGraphQLServer<CatalogSchema>();
        var app = builder.Build();
        app.MapGraphQL<CatalogSchema>();
        await app.StartAsync();
        return new CatalogHost(app);
    }

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
