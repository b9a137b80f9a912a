using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>
/// A request whose exact bytes were answered from the cache before is answered again without being
/// read as GraphQL. What reading found out must still hold: different bytes for the same request
/// share one entry, the media type is the one asked for, a cost report is never skipped, and a GET
/// keeps its entity tag.
/// </summary>
public sealed class RepeatedRequestTests : IDisposable
{
    private const string Query = "query Sections($first: Int) { categories { id name } products(first: $first) { nodes { id } } }";
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Other_bytes_for_the_same_request_share_the_entry_and_the_same_bytes_are_answered_from_it()
    {
        using var client = _factory.CreateClient();
        var compact = "{\"query\":\"" + Query + "\",\"variables\":{\"first\":2},\"operationName\":\"Sections\"}";
        var spaced = "{ \"operationName\": \"Sections\", \"variables\": { \"first\": 2 }, \"query\": \"" + Query + "\" }";

        var first = await PostAsync(client, compact, "application/graphql-response+json");
        var other = await PostAsync(client, spaced, "application/graphql-response+json");
        var again = await PostAsync(client, spaced, "application/graphql-response+json");

        Assert.Equal("MISS", first.Cache);
        Assert.Equal("HIT", other.Cache);
        Assert.Equal("HIT", again.Cache);
        Assert.Equal(first.Body, other.Body);
        Assert.Equal(first.Body, again.Body);

        var threeProducts = await PostAsync(client, spaced.Replace("\"first\": 2", "\"first\": 3", StringComparison.Ordinal), "application/graphql-response+json");
        Assert.Equal("MISS", threeProducts.Cache);
        Assert.NotEqual(first.Body, threeProducts.Body);
    }

    [Fact]
    public async Task The_same_bytes_are_answered_in_the_media_type_each_request_accepts()
    {
        using var client = _factory.CreateClient();
        var body = "{\"query\":\"" + Query + "\",\"variables\":{\"first\":1}}";

        var graphQLResponse = await PostAsync(client, body, "application/graphql-response+json");
        var json = await PostAsync(client, body, "application/json");
        var graphQLResponseAgain = await PostAsync(client, body, "application/graphql-response+json");
        var jsonAgain = await PostAsync(client, body, "application/json");

        Assert.StartsWith("application/graphql-response+json", graphQLResponse.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("application/json", json.ContentType, StringComparison.Ordinal);
        Assert.Equal(("MISS", "MISS"), (graphQLResponse.Cache, json.Cache));
        Assert.Equal(("HIT", "HIT"), (graphQLResponseAgain.Cache, jsonAgain.Cache));
        Assert.Equal(graphQLResponse.ContentType, graphQLResponseAgain.ContentType);
        Assert.Equal(json.ContentType, jsonAgain.ContentType);
    }

    [Fact]
    public async Task A_request_for_its_cost_is_never_answered_from_the_cache()
    {
        using var client = _factory.CreateClient();
        var body = "{\"query\":\"" + Query + "\",\"variables\":{\"first\":1}}";
        await PostAsync(client, body, "application/json");
        Assert.Equal("HIT", (await PostAsync(client, body, "application/json")).Cache);

        var withCost = await PostAsync(client, body, "application/json", costReport: true);

        Assert.Null(withCost.Cache);
        Assert.Contains("\"cost\"", withCost.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_GET_is_answered_from_the_cache_with_its_entity_tag()
    {
        using var client = _factory.CreateClient();
        var url = GraphQLHttp.Path + "?query=" + Uri.EscapeDataString(Query) + "&variables=" + Uri.EscapeDataString("{\"first\":2}");

        var (first, firstTag) = await GetAsync(client, url, null);
        var (second, secondTag) = await GetAsync(client, url, null);
        var (notModified, _) = await GetAsync(client, url, secondTag);

        Assert.Equal("MISS", first.Cache);
        Assert.Equal("HIT", second.Cache);
        Assert.NotNull(firstTag);
        Assert.Equal(firstTag, secondTag);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(HttpStatusCode.NotModified, notModified.Status);
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body, string? Cache);

    private static async Task<Answer> PostAsync(HttpClient client, string body, string accept, bool costReport = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (costReport)
        {
            request.Headers.Add("GraphQL-Cost", "report");
        }

        return await SendAsync(client, request);
    }

    private static async Task<(Answer Answer, string? EntityTag)> GetAsync(HttpClient client, string url, string? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await client.SendAsync(request);
        var answer = await ReadAsync(response);
        return (answer, response.Headers.ETag?.ToString());
    }

    private static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null);
}
