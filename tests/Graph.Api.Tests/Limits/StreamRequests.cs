using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Graph.Api.Tests.Limits;

/// <summary>Opens SSE streams and sends bare WebSocket upgrade requests, keeping whatever the server answers.</summary>
public static class StreamRequests
{
    private const string Subscription = "subscription($id: ID!) { productStockChanged(productId: $id) { id inStock } }";

    /// <summary>
    /// Opens an SSE subscription; the response is returned once its headers are in (the stream stays
    /// open until it is disposed).
    /// </summary>
    public static async Task<HttpResponseMessage> OpenSseAsync(this HttpClient client, string productId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = Subscription, variables = new { id = productId } }),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>A WebSocket upgrade request as a browser sends it, answered over plain HTTP when it is refused.</summary>
    public static async Task<HttpResponseMessage> SendUpgradeAsync(this HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        request.Headers.Add("Sec-WebSocket-Protocol", "graphql-transport-ws");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Asserts a refusal: the status, a <c>Retry-After</c>, and a GraphQL error response with <c>TOO_MANY_CONNECTIONS</c>.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing.");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.False(string.IsNullOrEmpty(error["message"]?.ToString()));
        Assert.Equal("TOO_MANY_CONNECTIONS", error["extensions"]!["code"]!.ToString());
    }
}
