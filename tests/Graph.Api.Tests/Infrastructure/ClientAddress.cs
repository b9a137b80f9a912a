using System.Net;
using System.Text;
using System.Text.Json;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Sends a GraphQL request as if from a given client address: the test server sets the connection's
/// remote address, which is what the app reads (it does not trust X-Forwarded-For).
/// </summary>
public static class ClientAddress
{
    public static IPAddress Numbered(int n) => new([10, 9, (byte)(n / 256), (byte)(n % 256)]);

    public static async Task<(int Status, IReadOnlyDictionary<string, string> Headers, GraphQLResponse Response)> PostFromAsync(
        this ShopApiFactory factory, IPAddress address, string query, object? variables = null)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query, variables }));
        var context = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = address;
            http.Request.Method = "POST";
            http.Request.Path = GraphQLHttp.Path;
            http.Request.ContentType = "application/json";
            http.Request.Headers.Accept = "application/graphql-response+json";
            http.Request.Body = new MemoryStream(body);
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return (context.Response.StatusCode, headers, new GraphQLResponse((HttpStatusCode)context.Response.StatusCode, context.Response.ContentType, text));
    }
}
