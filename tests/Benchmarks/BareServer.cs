using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Graph.Benchmarks;

/// <summary>
/// The baseline of load.sh: Kestrel and routing as the shop has them (no Server header), a POST
/// endpoint at <c>/graphql</c> that reads and deserializes the whole JSON body and answers the
/// constant result of <c>{ __typename }</c>. The difference to the real server is GraphQL.
/// </summary>
public static class BareServer
{
    private static readonly byte[] TypenameResult = "{\"data\":{\"__typename\":\"Query\"}}"u8.ToArray();

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        app.MapPost("/graphql", (RequestDelegate)AnswerAsync);
        await app.RunAsync();
    }

    /// <summary>Answers one request: reads the body whole, deserializes it, writes the constant result.</summary>
    public static async Task AnswerAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, BareJsonContext.Default.BareRequest, context.RequestAborted);
        if (string.IsNullOrEmpty(request?.Query))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(TypenameResult, context.RequestAborted);
    }
}

/// <summary>The fields of a GraphQL request body, read as the real server reads them.</summary>
public sealed record BareRequest(string? Query, string? OperationName, JsonElement? Variables, JsonElement? Extensions);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BareRequest))]
internal sealed partial class BareJsonContext : JsonSerializerContext;
