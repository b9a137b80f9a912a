using System.Net.Http.Json;
using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Execution;

public class RequestExecutorTests
{
    [Fact]
    public async Task A_document_that_executed_is_cached_validated_and_an_invalid_one_is_not_cached()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();
        var cache = app.Services.GetRequiredService<DocumentCache>();

        (await client.PostAsJsonAsync("/graphql", new { query = "{ hello }" })).Dispose();
        (await client.PostAsJsonAsync("/graphql", new { query = "{ nope }" })).Dispose();

        Assert.True(cache.TryGet("{ hello }", out var valid));
        Assert.True(valid.IsValidated);
        Assert.False(cache.TryGet("{ nope }", out _));
    }

    [Fact]
    public async Task A_cached_document_answers_the_same_as_the_first_time()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ hello }" });
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(answers, a => Assert.Equal("""{"data":{"hello":"world"}}""", a));
    }
}
