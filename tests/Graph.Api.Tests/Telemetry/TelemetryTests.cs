using System.Diagnostics;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Graph.Api.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public void Without_a_collector_nothing_is_traced()
    {
        using var factory = new ShopApiFactory();
        _ = factory.Server;

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_a_collector_the_shop_traces_its_GraphQL_operations()
    {
        using var factory = new ShopApiFactory();
        // Nothing listens there: the exporter's failures stay inside the SDK.
        factory.Settings["OpenTelemetry:Otlp:Endpoint"] = "http://127.0.0.1:9";
        using var client = factory.CreateClient();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GraphQLTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (stopped) { stopped.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var name = $"Shop_{Guid.NewGuid():N}";

        var response = await client.PostAsync($"query {name} {{ categories {{ name }} }}");

        response.AssertNoErrors();
        Assert.NotNull(factory.Services.GetService<TracerProvider>());
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
        lock (stopped)
        {
            var execute = Assert.Single(stopped, a => a.OperationName == GraphQLTelemetry.ExecuteActivityName && (string?)a.GetTagItem(GraphQLTelemetry.OperationNameTag) == name);
            Assert.Equal($"query {name}", execute.DisplayName);
        }
    }
}
