using System.Text.Json.Nodes;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>Reads the one JSON line an end-to-end script prints.</summary>
public static class NodeJson
{
    public static async Task<JsonNode> RunAsync(string script, params string[] args)
    {
        var output = await NodeTooling.RunScriptAsync(script, args);
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!;
    }

    public static string[] Strings(this JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.ToString() ?? "null")] : [];
}
