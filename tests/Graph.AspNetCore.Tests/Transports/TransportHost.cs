using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Graph.AspNetCore.Subscriptions;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.Tests.Transports;

/// <summary>
/// The serving layer's transports (HTTP, WebSocket, SSE) on an in-memory server with a schema of
/// their own: <c>hello</c>, <c>echo(text:)</c> and <c>ticks</c>, a subscription to the
/// <c>ticks</c> topic of the event bus.
/// </summary>
internal sealed class TransportHost : IAsyncDisposable
{
    private TransportHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public TestServer Server => App.GetTestServer();

    public ITopicEventBus Bus => App.Services.GetRequiredService<ITopicEventBus>();

    public static async Task<TransportHost> StartAsync(Action<GraphQLServerOptions>? options = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGraphQLServer<TransportSchema>(graphql => graphql.AddGraphTypes(typeof(TransportSchema).Assembly));
        builder.Services.Configure<GraphQLServerOptions>(o =>
        {
            // No keep-alive unless a test asks for it: its messages would interleave with the ones asserted.
            o.KeepAliveInterval = TimeSpan.Zero;
            options?.Invoke(o);
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGraphQL<TransportSchema>();
        await app.StartAsync();
        return new TransportHost(app);
    }

    /// <summary>Opens a WebSocket at the GraphQL path asking for <paramref name="subProtocol"/>.</summary>
    public async Task<TestSocket> ConnectAsync(string subProtocol)
    {
        var client = Server.CreateWebSocketClient();
        client.SubProtocols.Add(subProtocol);
        var socket = await client.ConnectAsync(new Uri(Server.BaseAddress, "graphql"), CancellationToken.None);
        return new TestSocket(socket);
    }

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
        public TransportMutation()
        {
            Name = "Mutation";
            Field<StringGraphType>("echo").Argument<StringGraphType>("text").Resolve(context => context.GetArgument<string>("text"));
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

/// <summary>A client's side of a GraphQL WebSocket: JSON messages in and out, and the close the server sends.</summary>
internal sealed class TestSocket(WebSocket socket) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string? SubProtocol => socket.SubProtocol;

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message, parsed; fails when the server closes instead.</summary>
    public async Task<JsonObject> ReceiveAsync()
    {
        var (type, text) = await ReceiveFrameAsync();
        Assert.True(type == WebSocketMessageType.Text, $"Expected a message, the server closed with {socket.CloseStatus} ({socket.CloseStatusDescription}).");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The close the server sends next (after any messages it sends first, which are returned).</summary>
    public async Task<(int Code, string? Reason, List<JsonObject> Before)> ReceiveCloseAsync()
    {
        var before = new List<JsonObject>();
        while (true)
        {
            var (type, text) = await ReceiveFrameAsync();
            if (type == WebSocketMessageType.Close)
            {
                return ((int)socket.CloseStatus!.Value, socket.CloseStatusDescription, before);
            }

            before.Add(JsonNode.Parse(text)!.AsObject());
        }
    }

    public void Dispose() => socket.Dispose();

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveFrameAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, string.Empty);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, Encoding.UTF8.GetString(message.ToArray()));
            }
        }
    }
}
