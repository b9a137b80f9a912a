using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Subscriptions;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Subscriptions;

/// <summary>
/// <see cref="ScopedSubscriptionExecutionStrategy"/>: every event executes in a DI scope of its own
/// (fresh scoped services and data loaders), delivery is awaited, and a subscriber that falls behind
/// its buffer ends with SUBSCRIBER_TOO_SLOW.
/// </summary>
public sealed class ScopedSubscriptionExecutionTests : IAsyncDisposable
{
    private const string Query = "subscription { tick { n scope loaders } }";
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _requestScope;

    public ScopedSubscriptionExecutionTests()
    {
        var services = new ServiceCollection();
        services.AddOptions<GraphQLServerOptions>().Configure(o => o.SubscriptionBufferSize = 2);
        services.AddScoped<ScopeMarker>();
        services.AddDataLoaderContext();
        services.AddGraphQL(builder => builder
            .AddSchema<TickSchema>()
            .AddGraphTypes(typeof(TickSchema).Assembly)
            .AddSystemTextJson()
            .AddSubscriptionExecution());
        _services = services.BuildServiceProvider();
        _requestScope = _services.CreateAsyncScope();
    }

    private ITopicEventBus Bus => _services.GetRequiredService<ITopicEventBus>();

    [Fact]
    public async Task Each_event_executes_in_a_scope_of_its_own_with_fresh_data_loaders()
    {
        var observer = new Collector();
        using (await SubscribeAsync(observer))
        {
            for (var n = 1; n <= 3; n++)
            {
                await Bus.PublishAsync("ticks", new Tick(n));
                await observer.WaitForAsync(n);
            }
        }

        var ticks = observer.Results.Select(Data).ToList();
        Assert.Equal([1, 2, 3], ticks.Select(t => (int)t["n"]!));
        var scopes = ticks.Select(t => t["scope"]!.ToString()).ToList();
        Assert.Equal(3, scopes.Distinct().Count());
        Assert.DoesNotContain(_requestScope.ServiceProvider.GetRequiredService<ScopeMarker>().Id.ToString(), scopes);
        Assert.Equal(3, ticks.Select(t => (int)t["loaders"]!).Distinct().Count());
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_its_buffer_ends_with_SUBSCRIBER_TOO_SLOW()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observer = new Collector(gate.Task);
        using (await SubscribeAsync(observer))
        {
            await Bus.PublishAsync("ticks", new Tick(1));
            await observer.WaitForDeliveryStartedAsync();

            // The first event waits for its delivery; two more fill the buffer; the next one overflows it.
            for (var n = 2; n <= 5; n++)
            {
                await Bus.PublishAsync("ticks", new Tick(n));
            }

            gate.SetResult();
            await observer.Ended.WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([1, 2, 3], observer.Results.Select(r => (int)Data(r)["n"]!));
        var error = Assert.IsType<SubscriberTooSlowError>(observer.Error);
        Assert.Equal(SubscriberTooSlowError.ErrorCode, error.Code);
    }

    [Fact]
    public async Task Nothing_is_delivered_after_the_subscription_is_disposed()
    {
        var observer = new Collector();
        var subscription = await SubscribeAsync(observer);
        await Bus.PublishAsync("ticks", new Tick(1));
        await observer.WaitForAsync(1);

        subscription.Dispose();

        // The stream lets go of the bus on its own loop once disposed; nothing announces it.
        var bus = _services.GetRequiredService<InMemoryTopicEventBus>();
        await Eventually.WaitUntilAsync(() => bus.SubscriberCount("ticks") == 0, "the disposed subscription lets go of the bus", TimeSpan.FromSeconds(5));

        // A subscriber that subscribes after the disposal gets Tick(2) executed and delivered; the
        // disposed one gets nothing.
        var probe = new Collector();
        using var probing = await SubscribeAsync(probe);
        await Bus.PublishAsync("ticks", new Tick(2));
        await probe.WaitForAsync(1);

        Assert.Single(observer.Results);
        Assert.Null(observer.Error);
    }

    public async ValueTask DisposeAsync()
    {
        await _requestScope.DisposeAsync();
        await _services.DisposeAsync();
    }

    private async Task<IDisposable> SubscribeAsync(IObserver<ExecutionResult> observer)
    {
        var executer = _services.GetRequiredService<IDocumentExecuter<TickSchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions { Query = Query, RequestServices = _requestScope.ServiceProvider });
        Assert.True(result.Errors is null or { Count: 0 }, result.Errors?.FirstOrDefault()?.Message);
        var subscription = result.Streams!.Values.Single().Subscribe(observer);
        Assert.Equal(1, _services.GetRequiredService<InMemoryTopicEventBus>().SubscriberCount("ticks"));
        return subscription;
    }

    private static JsonNode Data(ExecutionResult result) =>
        JsonNode.Parse(new GraphQLSerializer().Serialize(result))!["data"]!["tick"]!;

    public sealed record Tick(int N);

    public sealed class ScopeMarker
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    public sealed class TickSchema : Schema
    {
        public TickSchema(IServiceProvider services, TickQuery query, TickSubscription subscription)
            : base(services)
        {
            Query = query;
            Subscription = subscription;
        }
    }

    public sealed class TickQuery : ObjectGraphType
    {
        public TickQuery()
        {
            Name = "Query";
            Field<StringGraphType>("hello").Resolve(_ => "world");
        }
    }

    public sealed class TickSubscription : ObjectGraphType
    {
        public TickSubscription()
        {
            Name = "Subscription";
            Field<NonNullGraphType<TickType>>("tick")
                .ResolveStream(context => context.RequestServices!.GetRequiredService<ITopicEventBus>().Subscribe<Tick>("ticks"))
                .Resolve(context => context.Source);
        }
    }

    public sealed class TickType : ObjectGraphType<Tick>
    {
        public TickType()
        {
            Name = "Tick";
            Field(t => t.N);
            Field<NonNullGraphType<StringGraphType>>("scope").Resolve(context => context.RequestServices!.GetRequiredService<ScopeMarker>().Id.ToString());
            Field<NonNullGraphType<IntGraphType>>("loaders").Resolve(context => RuntimeHelpers.GetHashCode(context.GetDataLoaderContext()));
        }
    }

    /// <summary>Collects results; with a gate, the first delivery waits for it (a client that stopped reading).</summary>
    private sealed class Collector(Task? gate = null) : IDeliveryObserver<ExecutionResult>
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _deliveryStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<ExecutionResult> _results = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public IReadOnlyList<ExecutionResult> Results
        {
            get
            {
                lock (_results)
                {
                    return [.. _results];
                }
            }
        }

        public Exception? Error { get; private set; }

        public Task Ended => _ended.Task;

        public async ValueTask OnNextAsync(ExecutionResult value, CancellationToken cancellationToken)
        {
            _deliveryStarted.TrySetResult();
            if (gate is not null)
            {
                await gate;
            }

            OnNext(value);
        }

        public void OnNext(ExecutionResult value)
        {
            lock (_results)
            {
                _results.Add(value);
            }

            _arrived.Release();
        }

        public void OnError(Exception error)
        {
            Error = error;
            _ended.TrySetResult();
        }

        public void OnCompleted() => _ended.TrySetResult();

        public Task WaitForDeliveryStartedAsync() => _deliveryStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));

        public async Task WaitForAsync(int count)
        {
            while (Results.Count < count)
            {
                Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(5)), $"{Results.Count} of {count} results arrived.");
            }

            Assert.Equal(count, Results.Count);
        }
    }
}
