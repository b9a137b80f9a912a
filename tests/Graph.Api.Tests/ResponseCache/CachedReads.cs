using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>A read and whether the response cache answered it (the Development-only <c>X-Cache</c> header).</summary>
public sealed record CachedRead(GraphQLResponse Response, string? Cache)
{
    public bool IsHit => Cache == "HIT";
}

/// <summary>The storefront's reads, as the frontend sends them, with the cache's verdict.</summary>
public static class CachedReads
{
    public static readonly string Storefront = ShopKit.Operation("catalog.graphql", "Storefront");
    public static readonly string ProductPage = ShopKit.Operation("catalog.graphql", "ProductPage");
    public static readonly string CategoryPage = ShopKit.Operation("catalog.graphql", "CategoryPage");

    public static async Task<CachedRead> ReadAsync(this HttpClient client, string query, object? variables = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables, operationName }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var cache = response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;
        return new CachedRead(new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), text), cache);
    }

    /// <summary>Reads twice and checks that the second read came from the cache; the data of the read.</summary>
    public static async Task<GraphQLResponse> ReadCachedAsync(this HttpClient client, string query, object? variables = null)
    {
        var first = await client.ReadAsync(query, variables);
        first.Response.AssertNoErrors();
        var second = await client.ReadAsync(query, variables);
        Assert.True(second.IsHit, $"Expected a cache hit, got {second.Cache ?? "no X-Cache header"}");
        Assert.Equal(first.Response.Text, second.Response.Text);
        return second.Response;
    }
}
