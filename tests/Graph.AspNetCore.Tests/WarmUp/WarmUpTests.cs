using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Graph.AspNetCore.Tests.Execution;
using Graph.AspNetCore.WarmUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graph.AspNetCore.Tests.WarmUp;

public partial class WarmUpTests
{
    private const string Category = "Graph.AspNetCore.WarmUp.WarmingServer";

    [Fact]
    public async Task Its_requests_run_through_the_pipeline_pass_after_pass_once_the_server_listens()
    {
        var source = new Requests(new WarmUpRequest("Hello", """{"query":"{ hello }"}"""));

        await using var app = await StartAsync("Production", source, minPasses: 7);
        await WarmUpOf(app);

        var logs = app.Services.GetRequiredService<LogCapture>();
        Assert.Equal(1, source.Calls);
        var summary = Assert.Single(logs.Entries, entry => entry.Category == Category && entry.Level == LogLevel.Information);
        var passes = int.Parse(SummaryPattern().Match(summary.Message).Groups["passes"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(passes, 7, int.MaxValue);
        Assert.DoesNotContain(logs.AtLeast(LogLevel.Warning), entry => entry.Category == Category); // answered with data every time
        Assert.False(app.Services.GetRequiredService<WarmUpState>().IsWarmingUp);
    }

    [Fact]
    public async Task A_request_answered_with_errors_is_reported_once()
    {
        var source = new Requests(
            new WarmUpRequest("Hello", """{"query":"{ hello }"}"""),
            new WarmUpRequest("Boom", """{"query":"{ boom }"}"""));

        await using var app = await StartAsync("Production", source, minPasses: 5);
        await WarmUpOf(app);

        var warning = Assert.Single(app.Services.GetRequiredService<LogCapture>().AtLeast(LogLevel.Warning), entry => entry.Category == Category);
        Assert.Contains("Boom", warning.Message, StringComparison.Ordinal);
        Assert.Equal("world", await AskHelloAsync(app));
    }

    [Fact]
    public async Task A_request_that_never_finishes_is_cancelled_at_MaxDuration()
    {
        var source = new Requests(new WarmUpRequest("Wait", """{"query":"{ wait }"}"""));
        var signals = new WaitSignals();

        await using var app = await StartAsync("Production", source, minPasses: 5, maxDuration: TimeSpan.FromMilliseconds(300), services => services.AddSingleton(signals));
        await WarmUpOf(app).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(signals.Cancelled.Task.IsCompleted);
        var summary = Assert.Single(app.Services.GetRequiredService<LogCapture>().Entries, entry => entry.Category == Category && entry.Level == LogLevel.Information);
        Assert.Contains("stopped at GraphQL:WarmUp:MaxDuration", summary.Message, StringComparison.Ordinal);
        Assert.False(app.Services.GetRequiredService<WarmUpState>().IsWarmingUp);
    }

    [Fact]
    public async Task Requests_that_cannot_be_built_are_logged_and_the_warm_up_is_over()
    {
        var source = new Requests { Failure = new InvalidOperationException("no catalog yet") };

        await using var app = await StartAsync("Production", source, minPasses: 5);
        await WarmUpOf(app);

        var warning = Assert.Single(app.Services.GetRequiredService<LogCapture>().AtLeast(LogLevel.Warning), entry => entry.Category == Category);
        Assert.IsType<InvalidOperationException>(warning.Exception);
        Assert.False(app.Services.GetRequiredService<WarmUpState>().IsWarmingUp);
    }

    [Fact]
    public async Task It_is_off_in_Development_unless_turned_on()
    {
        var source = new Requests(new WarmUpRequest("Hello", """{"query":"{ hello }"}"""));

        await using (var app = await StartAsync("Development", source, minPasses: 5))
        {
            Assert.IsNotType<WarmingServer>(app.Services.GetRequiredService<IServer>());
            Assert.Equal(0, source.Calls);
        }

        await using (var app = await StartAsync("Development", source, minPasses: 5, configure: services =>
            services.Configure<GraphQLServerOptions>(options => options.WarmUp.Enabled = true)))
        {
            await WarmUpOf(app);
            Assert.Equal(1, source.Calls);
        }
    }

    [Fact]
    public async Task The_instance_listens_at_once_and_is_unready_until_the_warm_up_is_over()
    {
        var application = new GatedApplication();
        var inner = new RecordingServer(application);
        var state = new WarmUpState();
        var check = new WarmUpHealthCheck(state);
        var options = new GraphQLServerOptions { WarmUp = { MinPasses = 3, QuietPeriod = TimeSpan.Zero, QuietPasses = 0 } };
        using var server = new WarmingServer(inner, new Requests(new WarmUpRequest("A", "{}")), state, options, NullLogger<WarmingServer>.Instance);

        await server.StartAsync(application, CancellationToken.None);

        Assert.Equal(0, inner.ProcessedBeforeStart); // listening before the first warm-up request
        Assert.True(state.IsWarmingUp);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        application.Open();
        await server.WarmUp.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(application.Processed, 3, int.MaxValue);
        Assert.False(state.IsWarmingUp);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task The_warm_up_is_over_only_after_QuietPasses_passes_without_a_compilation()
    {
        // The runtime compiles nothing for a method while it counts its calls, so a quiet spell of a
        // few passes is not the end of the work: the spell is counted in passes as well as in time.
        var application = new GatedApplication();
        var inner = new RecordingServer(application);
        var state = new WarmUpState();
        var options = new GraphQLServerOptions { WarmUp = { MinPasses = 1, QuietPeriod = TimeSpan.Zero, QuietPasses = 25 } };
        using var server = new WarmingServer(inner, new Requests(new WarmUpRequest("A", "{}")), state, options, NullLogger<WarmingServer>.Instance);

        await server.StartAsync(application, CancellationToken.None);
        application.Open();
        await server.WarmUp.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(application.Processed, 25, int.MaxValue);
        Assert.False(state.IsWarmingUp);
    }

    [Fact]
    public async Task Clients_requests_to_the_endpoint_end_the_warm_up_as_they_warm_the_instance_themselves()
    {
        var application = new GatedApplication();
        var inner = new RecordingServer(application);
        var state = new WarmUpState();
        var logs = new LogCapture();
        var options = new GraphQLServerOptions { WarmUp = { MinPasses = 1_000_000, ClientRequests = 3 } };
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var server = new WarmingServer(inner, new Requests(new WarmUpRequest("A", "{}")), state, options, loggers.CreateLogger<WarmingServer>());
        await server.StartAsync(application, CancellationToken.None);
        var listening = (IHttpApplication<IFeatureCollection>)inner.Application!;

        listening.CreateContext(RequestTo("/health/ready")); // probes do not count
        for (var i = 0; i < 3; i++)
        {
            listening.CreateContext(RequestTo("/graphql"));
        }

        application.Open();
        await server.WarmUp.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(state.IsWarmingUp);
        Assert.Contains(logs.Entries, entry => entry.Message.Contains("clients were served meanwhile", StringComparison.Ordinal));
    }

    [Fact]
    public void A_request_with_the_warm_up_token_is_the_warm_up_and_one_with_another_value_is_a_client()
    {
        var application = new GatedApplication();
        var counter = new ClientRequestCounter<IFeatureCollection>(application, "/graphql", "0123456789ABCDEF");

        var warmUp = RequestTo("/graphql", ("Graph-Warm-Up", "0123456789ABCDEF"));
        var guess = RequestTo("/graphql", ("Graph-Warm-Up", "0123456789ABCDEE"));
        var longer = RequestTo("/graphql", ("Graph-Warm-Up", "0123456789ABCDEF0"));
        counter.CreateContext(warmUp);
        counter.CreateContext(guess);
        counter.CreateContext(longer);

        Assert.NotNull(warmUp.Get<WarmUpRequestFeature>()); // rate limits and the response cache leave it alone
        Assert.Null(guess.Get<WarmUpRequestFeature>());
        Assert.Null(longer.Get<WarmUpRequestFeature>());
        Assert.Equal(2, counter.Count);
    }

    [Fact]
    public async Task Stopping_the_server_ends_a_warm_up_in_progress()
    {
        var application = new GatedApplication(); // never opened: the warm-up's first request waits
        var inner = new RecordingServer(application);
        var state = new WarmUpState();
        using var server = new WarmingServer(inner, new Requests(new WarmUpRequest("A", "{}")), state, new GraphQLServerOptions(), NullLogger<WarmingServer>.Instance);
        await server.StartAsync(application, CancellationToken.None);

        await server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(server.WarmUp.IsCompletedSuccessfully);
        Assert.True(inner.Stopped);
        Assert.False(state.IsWarmingUp);
    }

    [Theory]
    [InlineData(30, 80)] // the runtime's default count: 30 calls at each of two tiers, and a margin
    [InlineData(300, 330)] // the shop's build: a method each pass calls once is optimised before the instance is ready
    public void By_default_the_fewest_passes_follow_the_runtimes_call_count(int callCount, int minPasses)
    {
        Assert.Equal(minPasses, GraphQLWarmUpOptions.DefaultMinPasses(callCount));
    }

    [Fact]
    public void The_server_it_wraps_must_be_registered_first()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(() => services.AddGraphQLWarmUp<Requests>());
    }

    [Fact]
    public async Task Without_a_warm_up_the_check_is_healthy()
    {
        var result = await new WarmUpHealthCheck().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    private static Task<WebApplication> StartAsync(string environment, Requests source, int minPasses, TimeSpan? maxDuration = null, Action<IServiceCollection>? configure = null) =>
        ExecutionHost.StartAsync(environment, services =>
        {
            services.AddSingleton<IGraphQLWarmUpRequests>(source); // kept by the registration below
            services.AddGraphQLWarmUp<Requests>();
            services.Configure<GraphQLServerOptions>(options =>
            {
                options.WarmUp.MinPasses = minPasses;
                options.WarmUp.QuietPeriod = TimeSpan.Zero;
                options.WarmUp.QuietPasses = 0;
                options.WarmUp.MaxDuration = maxDuration ?? TimeSpan.FromSeconds(30);
            });
            configure?.Invoke(services);
        });

    private static Task WarmUpOf(WebApplication app) => ((WarmingServer)app.Services.GetRequiredService<IServer>()).WarmUp;

    private static async Task<string?> AskHelloAsync(WebApplication app)
    {
        using var client = ((TestServer)((WarmingServer)app.Services.GetRequiredService<IServer>()).Inner).CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ hello }" });
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["data"]?["hello"]?.GetValue<string>();
    }

    [GeneratedRegex(@"(?<passes>\d+) passes")]
    private static partial Regex SummaryPattern();

    /// <summary>An application that answers every request with empty data, once it is opened, and counts them.</summary>
    private sealed class GatedApplication : IHttpApplication<IFeatureCollection>
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _processed;

        public int Processed => _processed;

        public void Open() => _open.TrySetResult();

        public IFeatureCollection CreateContext(IFeatureCollection contextFeatures) => contextFeatures;

        public async Task ProcessRequestAsync(IFeatureCollection context)
        {
            await _open.Task.WaitAsync(context.Get<IHttpRequestLifetimeFeature>()!.RequestAborted);
            Interlocked.Increment(ref _processed);
            await context.Get<IHttpResponseBodyFeature>()!.Stream.WriteAsync("{\"data\":{}}"u8.ToArray());
        }

        public void DisposeContext(IFeatureCollection context, Exception? exception)
        {
        }
    }

    private static FeatureCollection RequestTo(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestFeature { Path = path };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        return features;
    }

    /// <summary>A server that remembers how many requests the application had answered when it was started, and what it was given.</summary>
    private sealed class RecordingServer(GatedApplication application) : IServer
    {
        public int ProcessedBeforeStart { get; private set; } = -1;

        public object? Application { get; private set; }

        public bool Stopped { get; private set; }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> app, CancellationToken cancellationToken)
            where TContext : notnull
        {
            ProcessedBeforeStart = application.Processed;
            Application = app;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }

        public void Dispose()
        {
        }
    }

    private sealed class Requests(params WarmUpRequest[] requests) : IGraphQLWarmUpRequests
    {
        private int _calls;

        public int Calls => _calls;

        public Exception? Failure { get; init; }

        public Task<IReadOnlyList<WarmUpRequest>> GetAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Failure is null ? Task.FromResult<IReadOnlyList<WarmUpRequest>>(requests) : Task.FromException<IReadOnlyList<WarmUpRequest>>(Failure);
        }
    }
}
