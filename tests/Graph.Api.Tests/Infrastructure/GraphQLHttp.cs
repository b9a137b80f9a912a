using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>Sends GraphQL requests over HTTP the way a frontend client does.</summary>
public static class GraphQLHttp
{
    public const string Path = "/graphql";

    public static async Task<GraphQLResponse> PostAsync(this HttpClient client, string query, object? variables = null, string? operationName = null, string accept = "application/graphql-response+json")
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        return await client.SendRawAsync(HttpMethod.Post, Path, body, "application/json", accept);
    }

    public static async Task<GraphQLResponse> SendRawAsync(this HttpClient client, HttpMethod method, string path, string? body, string? contentType, string? accept)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), text);
    }
}

/// <summary>An HTTP answer with its body parsed as JSON (when it is JSON).</summary>
public sealed record GraphQLResponse(HttpStatusCode Status, string? ContentType, string Text)
{
    public JsonNode? Json { get; } = TryParse(Text);

    public JsonNode? Data => Json?["data"];

    public JsonArray? Errors => Json?["errors"] as JsonArray;

    public bool HasData => Json is JsonObject o && o.ContainsKey("data");

    /// <summary>The codes of every error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes =>
        Errors?.Select(e => e?["extensions"]?["code"]?.GetValue<string>()).ToList() ?? [];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body indented, for JSON snapshots that read well in a diff.</summary>
    public string Pretty() => Json?.ToJsonString(Indented) ?? Text;

    public void AssertNoErrors() => Assert.True(Errors is null, $"Expected no errors, got: {Text}");

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
