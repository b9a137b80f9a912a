using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Graph.AspNetCore.Tests.Transports;

/// <summary>GraphQL over HTTP against the serving layer's own schema: methods, media types and status codes.</summary>
public sealed class HttpTransportTests : IAsyncLifetime
{
    private TransportHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TransportHost.StartAsync();
        _client = _host.Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_query_over_get_without_accept_is_answered_in_application_json()
    {
        using var response = await _client.GetAsync("/graphql?query=%7B%20hello%20%7D");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("world", (await JsonAsync(response))["data"]!["hello"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task A_document_that_does_not_validate_is_a_400_only_in_the_graphql_response_media_type(string accept, HttpStatusCode expected)
    {
        using var response = await PostAsync("""{"query":"{ nope }"}""", accept);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType!.MediaType);
        Assert.NotEmpty((await JsonAsync(response))["errors"]!.AsArray());
    }

    [Fact]
    public async Task The_accept_header_is_negotiated_by_quality()
    {
        using var response = await PostAsync("""{"query":"{ hello }"}""", "application/graphql-response+json;q=0.5, application/json");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_mutation_over_get_is_a_405_that_allows_post()
    {
        using var response = await _client.GetAsync("/graphql?query=mutation%20%7B%20echo(text%3A%20%22x%22)%20%7D");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_mutation_over_post_runs()
    {
        using var response = await PostAsync("""{"query":"mutation { echo(text: \"x\") }"}""", "application/graphql-response+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("x", (await JsonAsync(response))["data"]!["echo"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unsupported_body_media_type_is_a_415()
    {
        using var content = new StringContent("{ hello }", Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync("/graphql", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        using var response = await PostAsync("{ hello", "application/graphql-response+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_accept_header_that_allows_no_answer_is_a_406()
    {
        using var response = await PostAsync("""{"query":"{ hello }"}""", "image/png");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Another_method_is_a_405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/graphql");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Each_mutation_field_completes_with_its_loads_before_the_next_field_runs()
    {
        using var response = await PostAsync("""{"query":"mutation { a: increment b: increment c: increment }"}""", "application/graphql-response+json");

        // Each field reads the counter through a DataLoader after its own write: deferring every load
        // to the end of the operation (graphql-dotnet's serial strategy) would give 3, 3, 3.
        var json = await JsonAsync(response);
        Assert.True(json["errors"] is null, json.ToJsonString());
        var data = json["data"]!;
        Assert.Equal([1, 2, 3], new[] { "a", "b", "c" }.Select(field => data[field]!.GetValue<int>()));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd(accept);
        return await _client.SendAsync(request);
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
