using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>Executes documents against <see cref="ItemsSchema"/> with graphql-dotnet's own executer.</summary>
public static class ItemsGraph
{
    private static readonly ItemsSchema Schema = new();

    public static async Task<JsonElement> ExecuteAsync(ItemsBackend backend, string query, string? variablesJson = null)
    {
        await using var services = new ServiceCollection().AddSingleton(backend).BuildServiceProvider();
        var serializer = new GraphQLSerializer();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = Schema,
            Query = query,
            Variables = variablesJson is null ? null : serializer.Deserialize<Inputs>(variablesJson),
            RequestServices = services,
        });
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.Clone();
    }

    public static JsonElement Data(this JsonElement response)
    {
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data");
    }

    public static JsonElement SingleError(this JsonElement response) =>
        Assert.Single(response.GetProperty("errors").EnumerateArray().ToList());

    public static string Code(this JsonElement error) => error.GetProperty("extensions").GetProperty("code").GetString()!;

    public static int[] Ids(this JsonElement connection) =>
        [.. connection.GetProperty("nodes").EnumerateArray().Select(node => node.GetProperty("id").GetInt32())];
}
