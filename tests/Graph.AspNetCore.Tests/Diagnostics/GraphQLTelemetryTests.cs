using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Graph.AspNetCore.Diagnostics;
using Graph.AspNetCore.Tests.Execution;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.Tests.Diagnostics;

public class GraphQLTelemetryTests
{
    [Fact]
    public async Task A_new_document_gets_parse_validate_and_execute_spans_with_the_operation_name_and_a_cached_one_skips_parse()
    {
        using var spans = new SpanCapture();
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();
        var name = UniqueName("Hello");

        (await client.PostAsJsonAsync("/graphql", new { query = $"query {name} {{ hello }}" })).Dispose();
        var first = spans.Of(name).Select(a => a.OperationName).ToList();
        spans.Stopped.Clear();
        (await client.PostAsJsonAsync("/graphql", new { query = $"query {name} {{ hello }}" })).Dispose();
        var second = spans.Of(name);

        Assert.Equal([GraphQLTelemetry.ParseActivityName, GraphQLTelemetry.ValidateActivityName, GraphQLTelemetry.ExecuteActivityName], first);
        Assert.Equal([GraphQLTelemetry.ValidateActivityName, GraphQLTelemetry.ExecuteActivityName], second.Select(a => a.OperationName));
        var execute = second.Single(a => a.OperationName == GraphQLTelemetry.ExecuteActivityName);
        Assert.Equal($"query {name}", execute.DisplayName);
        Assert.Equal("query", execute.GetTagItem(GraphQLTelemetry.OperationTypeTag));
        Assert.Equal(true, execute.GetTagItem(GraphQLTelemetry.DocumentCachedTag));
        Assert.Equal(ActivityStatusCode.Unset, execute.Status);
        Assert.Single(second.Select(a => a.TraceId).Distinct());
    }

    [Fact]
    public async Task An_invalid_document_ends_in_a_failed_validate_span_and_never_executes()
    {
        using var spans = new SpanCapture();
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();
        var name = UniqueName("Nope");

        (await client.PostAsJsonAsync("/graphql", new { query = $"query {name} {{ nope }}" })).Dispose();

        var validate = Assert.Single(spans.Of(name), a => a.OperationName == GraphQLTelemetry.ValidateActivityName);
        Assert.Equal(ActivityStatusCode.Error, validate.Status);
        Assert.Equal("validation", validate.GetTagItem(GraphQLTelemetry.ErrorTypeTag));
        Assert.DoesNotContain(spans.Of(name), a => a.OperationName == GraphQLTelemetry.ExecuteActivityName);
    }

    [Fact]
    public async Task A_syntax_error_is_a_failed_parse_span()
    {
        using var spans = new SpanCapture();
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();
        var name = UniqueName("Broken");

        (await client.PostAsJsonAsync("/graphql", new { query = "query { hello", operationName = name })).Dispose();

        var parse = Assert.Single(spans.Of(name));
        Assert.Equal(GraphQLTelemetry.ParseActivityName, parse.OperationName);
        Assert.Equal(ActivityStatusCode.Error, parse.Status);
    }

    [Fact]
    public async Task The_meter_counts_requests_durations_and_errors_per_operation()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var measurements = new MeasurementCapture(app.Services.GetRequiredService<IMeterFactory>());
        using var client = app.GetTestClient();
        var ok = UniqueName("Fine");
        var failing = UniqueName("Boom");

        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/graphql", new { query = $"query {ok} {{ hello }}" })).Dispose();
        }

        (await client.PostAsJsonAsync("/graphql", new { query = $"query {failing} {{ boom }}" })).Dispose();

        Assert.Equal(3, measurements.Of(GraphQLTelemetry.RequestsMetric, ok).Sum(m => m.Value));
        Assert.Equal(3, measurements.Of(GraphQLTelemetry.DurationMetric, ok).Count);
        Assert.All(measurements.Of(GraphQLTelemetry.DurationMetric, ok), m => Assert.InRange(m.Value, 0, 10));
        Assert.Empty(measurements.Of(GraphQLTelemetry.ErrorsMetric, ok));
        var error = Assert.Single(measurements.Of(GraphQLTelemetry.ErrorsMetric, failing));
        Assert.Equal("execution", error.Tags[GraphQLTelemetry.ErrorTypeTag]);
        Assert.Equal("query", error.Tags[GraphQLTelemetry.OperationTypeTag]);
    }

    [Fact]
    public async Task A_document_that_does_not_parse_or_validate_is_counted_without_its_clients_name()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var measurements = new MeasurementCapture(app.Services.GetRequiredService<IMeterFactory>());
        using var client = app.GetTestClient();
        var invalid = UniqueName("Invalid");
        var broken = UniqueName("Broken");

        (await client.PostAsJsonAsync("/graphql", new { query = $"query {invalid} {{ noSuchField }}" })).Dispose();
        (await client.PostAsJsonAsync("/graphql", new { query = $"query {broken} {{ hello", operationName = broken })).Dispose();

        Assert.Empty(measurements.Of(GraphQLTelemetry.RequestsMetric, invalid));
        Assert.Empty(measurements.Of(GraphQLTelemetry.RequestsMetric, broken));
        Assert.Equal(2, measurements.Of(GraphQLTelemetry.RequestsMetric, OperationNameTags.Unvalidated).Sum(m => m.Value));
    }

    [Fact]
    public async Task A_slow_operation_is_a_warning_with_its_name_inside_a_scope_carrying_the_trace_id()
    {
        var logs = new ScopeCapturingLoggerProvider();
        await using var app = await ExecutionHost.StartAsync("Production", services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<GraphQLServerOptions>(options => options.SlowOperationThreshold = TimeSpan.FromTicks(1));
        });
        using var client = app.GetTestClient();
        var name = UniqueName("Slow");

        (await client.PostAsJsonAsync("/graphql", new { query = $"query {name} {{ hello }}" })).Dispose();

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(name, StringComparison.Ordinal));
        Assert.StartsWith($"Slow GraphQL query {name}:", warning.Message, StringComparison.Ordinal);
        Assert.Equal(name, warning.Scope["GraphQLOperationName"]);
        Assert.Equal("query", warning.Scope["GraphQLOperationType"]);
        Assert.Matches("^[0-9a-f]{32}$", Assert.IsType<string>(warning.Scope["TraceId"]));
    }

    [Fact]
    public async Task Operations_under_the_threshold_are_not_logged()
    {
        var logs = new ScopeCapturingLoggerProvider();
        await using var app = await ExecutionHost.StartAsync("Production", services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<GraphQLServerOptions>(options => options.SlowOperationThreshold = TimeSpan.FromMinutes(1));
        });
        using var client = app.GetTestClient();
        var name = UniqueName("Quick");

        (await client.PostAsJsonAsync("/graphql", new { query = $"query {name} {{ hello }}" })).Dispose();

        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(name, StringComparison.Ordinal));
    }

    // Listeners see every test's spans and measurements; a unique operation name picks out this test's.
    private static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
