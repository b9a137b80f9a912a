using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>The requests of graphql-sse's single connection mode, as its client sends them.</summary>
public static class SseSingleConnectionRequests
{
    private const string TokenHeader = "X-GraphQL-Event-Stream-Token";

    public static async Task<string> ReserveAsync(this HttpClient client, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, GraphQLHttp.Path);
        Authorize(request, bearer);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var token = await response.Content.ReadAsStringAsync();
        Assert.True(token.Length >= 40, $"The token '{token}' is too short to be unguessable.");
        return token;
    }

    public static async Task<HttpResponseMessage> OpenAsync(this HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttp.Path);
        request.Headers.Add(TokenHeader, token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<HttpResponseMessage> PostOperationAsync(this HttpClient client, string token, string? operationId, string query, object? variables = null, string? bearer = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = JsonContent.Create(new { query, variables, extensions = operationId is null ? null : new { operationId } }),
        };
        request.Headers.Add(TokenHeader, token);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        Authorize(request, bearer);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> DeleteOperationAsync(this HttpClient client, string token, string? operationId, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, GraphQLHttp.Path + (operationId is null ? string.Empty : "?operationId=" + operationId));
        request.Headers.Add(TokenHeader, token);
        Authorize(request, bearer);
        return await client.SendAsync(request);
    }

    private static void Authorize(HttpRequestMessage request, string? bearer)
    {
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal(code, body["errors"]![0]!["extensions"]!["code"]!.ToString());
    }
}
