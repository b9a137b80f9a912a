using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Graph.Api.Tests.Ide;

public sealed partial class IdeHostingTests : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly List<ShopApiFactory> _factories = [];

    public void Dispose() => _factories.ForEach(f => f.Dispose());

    [Fact]
    public async Task A_browser_at_the_endpoint_is_sent_to_the_IDE_folder()
    {
        using var client = Client("Development");

        using var response = await GetAsync(client, "/graphql?tab=1", BrowserAccept);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql/?tab=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_IDE_page_its_settings_and_its_assets_are_served_with_their_types_and_cache_rules()
    {
        using var client = Client("Development");

        using var page = await GetAsync(client, "/graphql/", BrowserAccept);
        var html = await page.Content.ReadAsStringAsync();
        using var config = await GetAsync(client, "/graphql/bcp-config.json", "application/json");
        var settings = JsonNode.Parse(await config.Content.ReadAsStringAsync())!;
        var script = ScriptSource().Match(html).Groups[1].Value;
        using var asset = await GetAsync(client, "/graphql/" + script, "*/*");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoCache);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Equal("application/json", config.Content.Headers.ContentType?.MediaType);
        Assert.True(settings["useBrowserUrlAsEndpoint"]!.GetValue<bool>());
        Assert.Equal("graphql-transport-ws", settings["subscriptionProtocol"]!.GetValue<string>());
        Assert.StartsWith("static/js/", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.NotNull(asset.Headers.ETag);
    }

    [Fact]
    public async Task A_GET_with_a_query_still_executes_for_a_browser()
    {
        using var client = Client("Development");

        using var response = await GetAsync(client, "/graphql?query=%7B__typename%7D", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_POST_to_the_endpoint_is_GraphQL_even_with_the_IDE_on()
    {
        using var client = Client("Development");

        var response = await client.PostAsync("{ categories { name } }");

        response.AssertNoErrors();
    }

    [Fact]
    public async Task Unknown_files_under_the_endpoint_are_not_found()
    {
        using var client = Client("Development");

        using var response = await GetAsync(client, "/graphql/static/js/nope.js", "*/*");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_the_IDE_is_off()
    {
        using var client = Client("Production");

        using var page = await GetAsync(client, "/graphql", BrowserAccept);
        using var config = await GetAsync(client, "/graphql/bcp-config.json", "application/json");

        Assert.NotEqual(HttpStatusCode.Redirect, page.StatusCode);
        Assert.NotEqual("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, config.StatusCode);
    }

    [Fact]
    public async Task A_setting_turns_the_IDE_on_outside_Development()
    {
        using var client = Client("Production", ("GraphQL:Ide:Enabled", "true"));

        using var response = await GetAsync(client, "/graphql/", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_setting_turns_the_IDE_off_in_Development()
    {
        using var client = Client("Development", ("GraphQL:Ide:Enabled", "false"));

        using var response = await GetAsync(client, "/graphql", BrowserAccept);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
    }

    private HttpClient Client(string environment, params (string Key, string Value)[] settings)
    {
        var factory = new ShopApiFactory { EnvironmentName = environment };
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        _factories.Add(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<script defer=\"defer\" src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
