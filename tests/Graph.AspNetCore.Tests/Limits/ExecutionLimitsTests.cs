using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graph.AspNetCore.Tests.Execution;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Limits;

public class ExecutionLimitsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_operation_past_the_timeout_is_cancelled_and_answered_with_its_code()
    {
        var signals = new WaitSignals();
        await using var app = await ExecutionHost.StartAsync("Production", services => services
            .AddSingleton(signals)
            .Configure<GraphQLServerOptions>(o => o.Limits.ExecutionTimeout = TimeSpan.FromSeconds(1)));
        using var client = app.GetTestClient();

        // The pipeline warmed up first, so that the timeout is spent in the resolver, not in the
        // first request's compilation on a busy machine (the resolver must start to be cancelled).
        (await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" })).Dispose();
        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ wait }" });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("EXECUTION_TIMEOUT", json.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.True(signals.Started.Task.IsCompleted, "The resolver never started: the timeout fired before execution.");
        await signals.Cancelled.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_work()
    {
        var signals = new WaitSignals();
        await using var app = await ExecutionHost.StartAsync("Production", services => services.AddSingleton(signals));
        using var client = app.GetTestClient();
        using var leave = new CancellationTokenSource();

        var request = client.PostAsJsonAsync("/graphql", new { query = "{ wait }" }, leave.Token);
        await signals.Started.Task.WaitAsync(Patience);
        await leave.CancelAsync();

        await signals.Cancelled.Task.WaitAsync(Patience);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    [Fact]
    public async Task A_response_larger_than_the_limit_is_refused_whole()
    {
        await using var app = await ExecutionHost.StartAsync("Production", services => services
            .Configure<GraphQLServerOptions>(o => o.Limits.MaxResponseSize = 20_000));
        using var client = app.GetTestClient();

        using var large = await client.PostAsJsonAsync("/graphql", new { query = "{ many(count: 50) }" });
        var largeText = await large.Content.ReadAsStringAsync();
        using var small = await client.PostAsJsonAsync("/graphql", new { query = "{ many(count: 5) }" });
        var smallText = await small.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        using var refused = JsonDocument.Parse(largeText);
        Assert.Equal("RESPONSE_TOO_LARGE", refused.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(smallText.Length, small.Content.Headers.ContentLength);
        Assert.Equal(5, JsonDocument.Parse(smallText).RootElement.GetProperty("data").GetProperty("many").GetArrayLength());
    }

    [Fact]
    public async Task Validation_errors_past_the_budget_are_replaced_by_one()
    {
        await using var app = await ExecutionHost.StartAsync("Production", services => services
            .Configure<GraphQLServerOptions>(o => o.Limits.MaxErrors = 5));
        using var client = app.GetTestClient();

        var query = "{ " + string.Join(' ', Enumerable.Range(0, 20).Select(i => $"unknown{i}")) + " }";
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var codes = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList();
        Assert.Equal(6, codes.Count);
        Assert.Equal("TOO_MANY_ERRORS", codes[^1]);
    }
}
