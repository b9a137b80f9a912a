using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Execution;

public class ErrorMaskingTests
{
    [Fact]
    public async Task Outside_development_an_unexpected_exception_is_masked_and_logged_with_its_trace_id()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        var body = await PostAsync(client, "{ hello boom }");

        var error = body["errors"]![0]!;
        Assert.Equal("INTERNAL_SERVER_ERROR", error["extensions"]!["code"]!.GetValue<string>());
        var traceId = error["extensions"]!["traceId"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.DoesNotContain("hunter2", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("stack", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("world", body["data"]!["hello"]!.GetValue<string>());
        Assert.Contains(app.Services.GetRequiredService<LogCapture>().Entries, e => e.Message.Contains(traceId, StringComparison.Ordinal) && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task In_development_the_exception_details_are_shown()
    {
        await using var app = await ExecutionHost.StartAsync("Development");
        using var client = app.GetTestClient();

        var body = await PostAsync(client, "{ boom }");

        Assert.Contains("hunter2", body.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_deliberate_graphql_error_keeps_its_message_and_code_everywhere()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        var body = await PostAsync(client, "{ domainError }");

        Assert.Equal("Nope.", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("NOPE", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_validation_error_carries_a_code()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        var body = await PostAsync(client, "query($a: Int) { hello nope(x: 1) ...F } fragment G on Query { hello }");

        var errors = body["errors"]!.AsArray();
        Assert.True(errors.Count >= 3);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e!["extensions"]?["code"]?.GetValue<string>())));
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
