using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Subscriptions;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Transports;

/// <summary>
/// The serving layer's transports (HTTP, WebSocket, SSE) on the shared in-memory host with a schema of
/// their own: <c>hello</c>, <c>echo(text:)</c>, <c>increment</c> and <c>ticks</c>, a subscription to the
/// <c>ticks</c> topic of the event bus.
/// </summary>
internal sealed class TransportHost : IAsyncDisposable
{
    private TransportHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public TestServer Server => App.GetTestServer();

    public ITopicEventBus Bus => App.Services.GetRequiredService<ITopicEventBus>();

    public static async Task<TransportHost> StartAsync(Action<GraphQLServerOptions>? options = null) =>
        new(await GraphQLTestHost.StartAsync<TransportSchema>(
            "Production",
            services => services.AddDataLoaderContext().Configure<GraphQLServerOptions>(o =>
            {
                // No keep-alive unless a test asks for it: its messages would interleave with the ones asserted.
                o.KeepAliveInterval = TimeSpan.Zero;
                options?.Invoke(o);
            }),
            graphql => graphql.AddGraphTypes(typeof(TransportSchema).Assembly)));

    /// <summary>Opens a WebSocket at the GraphQL path asking for <paramref name="subProtocol"/>.</summary>
    public Task<GraphQLWebSocketClient> ConnectAsync(string subProtocol) => GraphQLWebSocketClient.ConnectAsync(Server, subProtocol, initialise: false);

    /// <summary>Publishes on the <c>ticks</c> topic.</summary>
    public async Task TickAsync(int n) => await Bus.PublishAsync("ticks", new Tick(n));

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>An event of the <c>ticks</c> topic.</summary>
    public sealed record Tick(int N);

    public sealed class TransportSchema : Schema
    {
        public TransportSchema(IServiceProvider services, TransportQuery query, TransportMutation mutation, TransportSubscription subscription)
            : base(services)
        {
            Query = query;
            Mutation = mutation;
            Subscription = subscription;
        }
    }

    public sealed class TransportQuery : ObjectGraphType
    {
        public TransportQuery()
        {
            Name = "Query";
            Field<StringGraphType>("hello").Resolve(_ => "world");
        }
    }

    public sealed class TransportMutation : ObjectGraphType
    {
        private int _count;

        public TransportMutation()
        {
            Name = "Mutation";
            Field<StringGraphType>("echo").Argument<StringGraphType>("text").Resolve(context => context.GetArgument<string>("text"));

            // Adds one to a counter (the write), then reads the counter through a DataLoader: a field's
            // read must come after its own write and before the next field's.
            Field<IntGraphType, IDataLoaderResult<int>>("increment").Resolve(context =>
            {
                var written = Interlocked.Increment(ref _count);
                return context.GetDataLoader("count", _ => new FuncBatchDataLoader<int, int>((keys, _) =>
                    Task.FromResult<IReadOnlyDictionary<int, int>>(keys.ToDictionary(key => key, _ => Volatile.Read(ref _count))))).LoadAsync(written);
            });
        }
    }

    public sealed class TransportSubscription : ObjectGraphType
    {
        public TransportSubscription()
        {
            Name = "Subscription";
            Field<NonNullGraphType<IntGraphType>>("ticks")
                .ResolveStream(context => context.RequestServices!.GetRequiredService<ITopicEventBus>().Subscribe<Tick>("ticks"))
                .Resolve(context => ((Tick)context.Source!).N);
        }
    }
}
