using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Graph.AspNetCore.Tests.Execution;

/// <summary>
/// Every error the response lists belongs to one place: its own path and its one location, even when the
/// same error object is thrown for every item of a list (a shared instance, or a batch that fails as a
/// whole), which the engine would otherwise list once per item with the last item's path and every
/// item's location.
/// </summary>
public class ErrorPathTests
{
    [Theory]
    [InlineData("broken")]
    [InlineData("batched")]
    public async Task One_error_object_thrown_for_every_item_is_listed_per_item_with_its_own_path(string field)
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        for (var run = 0; run < 2; run++)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = $"{{ things {{ id {field} }} }}" });
            var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();

            Assert.Equal(
                [$"things/0/{field}", $"things/1/{field}", $"things/2/{field}"],
                errors.Select(e => string.Join('/', e!["path"]!.AsArray().Select(p => p!.ToString()))));
            Assert.All(errors, e =>
            {
                var location = Assert.Single(e!["locations"]!.AsArray())!;
                Assert.Equal(15, location["column"]!.GetValue<int>());
                Assert.Equal("SHARED", e["extensions"]!["code"]!.GetValue<string>());
                Assert.Equal("Every thing fails alike.", e["message"]!.GetValue<string>());
            });
        }
    }
}
