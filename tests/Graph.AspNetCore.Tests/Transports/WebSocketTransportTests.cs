using System.Text.Json.Nodes;

namespace Graph.AspNetCore.Tests.Transports;

/// <summary>GraphQL over WebSocket against the serving layer's own schema: both subprotocols, their messages and close codes.</summary>
public sealed class WebSocketTransportTests : IAsyncLifetime
{
    private TransportHost _host = null!;

    public async Task InitializeAsync() => _host = await TransportHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Init_is_acknowledged_and_a_ping_is_answered_with_a_pong()
    {
        await using var socket = await _host.ConnectAsync("graphql-transport-ws");
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);

        await socket.SendTextAsync("""{"type":"connection_init"}""");
        Assert.Equal("connection_ack", Type(await NextAsync(socket)));
        await socket.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("pong", Type(await NextAsync(socket)));
    }

    [Fact]
    public async Task A_query_is_answered_with_next_then_complete()
    {
        await using var socket = await InitialisedAsync();

        await socket.SendTextAsync("""{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}""");

        var next = await NextAsync(socket);
        Assert.Equal(("next", "1"), (Type(next), Id(next)));
        Assert.Equal("world", next["payload"]!["data"]!["hello"]!.GetValue<string>());
        var complete = await NextAsync(socket);
        Assert.Equal(("complete", "1"), (Type(complete), Id(complete)));
    }

    [Fact]
    public async Task A_subscription_streams_its_events_until_the_client_completes_it()
    {
        await using var socket = await InitialisedAsync();
        await socket.SendTextAsync("""{"id":"s","type":"subscribe","payload":{"query":"subscription { ticks }"}}""");

        // Messages are handled in order: once the pong arrives, the subscription is in place.
        await socket.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("pong", Type(await NextAsync(socket)));
        await _host.TickAsync(1);
        var next = await NextAsync(socket);
        Assert.Equal(("next", "s", 1), (Type(next), Id(next), next["payload"]!["data"]!["ticks"]!.GetValue<int>()));

        await socket.SendTextAsync("""{"id":"s","type":"complete"}""");
        await socket.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("pong", Type(await NextAsync(socket)));
        await _host.TickAsync(2);

        // Nothing more for the completed id: the next message is the answer to a later query.
        await socket.SendTextAsync("""{"id":"q","type":"subscribe","payload":{"query":"{ hello }"}}""");
        var after = await NextAsync(socket);
        Assert.Equal(("next", "q"), (Type(after), Id(after)));
    }

    [Fact]
    public async Task A_subscription_refused_at_validation_is_an_error_message_for_its_id()
    {
        await using var socket = await InitialisedAsync();

        await socket.SendTextAsync("""{"id":"e","type":"subscribe","payload":{"query":"{ nope }"}}""");

        var error = await NextAsync(socket);
        Assert.Equal(("error", "e"), (Type(error), Id(error)));
        Assert.NotEmpty(error["payload"]!.AsArray());
    }

    [Fact]
    public async Task Subscribe_before_init_closes_with_4401()
    {
        await using var socket = await _host.ConnectAsync("graphql-transport-ws");

        await socket.SendTextAsync("""{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}""");

        Assert.Equal(4401, (await socket.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_second_init_closes_with_4429()
    {
        await using var socket = await InitialisedAsync();

        await socket.SendTextAsync("""{"type":"connection_init"}""");

        Assert.Equal(4429, (await socket.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task An_id_in_use_closes_with_4409()
    {
        await using var socket = await InitialisedAsync();
        await socket.SendTextAsync("""{"id":"s","type":"subscribe","payload":{"query":"subscription { ticks }"}}""");

        await socket.SendTextAsync("""{"id":"s","type":"subscribe","payload":{"query":"subscription { ticks }"}}""");

        Assert.Equal(4409, (await socket.ReceiveCloseAsync()).Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":1}""")]
    [InlineData("""{"type":"unknown"}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ hello }"}}""")]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":1}}""")]
    [InlineData("""{"type":"complete"}""")]
    public async Task A_message_that_is_not_one_of_the_protocol_closes_with_4400(string message)
    {
        await using var socket = await InitialisedAsync();

        await socket.SendTextAsync(message);

        Assert.Equal(4400, (await socket.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task No_init_within_the_timeout_closes_with_4408()
    {
        await using var host = await TransportHost.StartAsync(o => o.ConnectionInitTimeout = TimeSpan.FromMilliseconds(200));
        await using var socket = await host.ConnectAsync("graphql-transport-ws");

        Assert.Equal(4408, (await socket.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009()
    {
        await using var host = await TransportHost.StartAsync(o => o.Limits.MaxSocketMessageSize = 1024);
        await using var socket = await host.ConnectAsync("graphql-transport-ws");

        var padded = new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["pad"] = new string('x', 2048) } };
        await socket.SendTextAsync(padded.ToJsonString());

        Assert.Equal(1009, (await socket.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task The_server_pings_at_the_keep_alive_interval()
    {
        await using var host = await TransportHost.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(100));
        await using var socket = await host.ConnectAsync("graphql-transport-ws");
        await socket.SendTextAsync("""{"type":"connection_init"}""");
        Assert.Equal("connection_ack", Type(await NextAsync(socket)));

        Assert.Equal("ping", Type(await NextAsync(socket)));
    }

    [Fact]
    public async Task The_legacy_protocol_acknowledges_with_ka_and_answers_start_with_data_then_complete()
    {
        await using var host = await TransportHost.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromSeconds(30));
        await using var socket = await host.ConnectAsync("graphql-ws");
        Assert.Equal("graphql-ws", socket.SubProtocol);

        await socket.SendTextAsync("""{"type":"connection_init"}""");
        Assert.Equal("connection_ack", Type(await NextAsync(socket)));
        Assert.Equal("ka", Type(await NextAsync(socket)));

        await socket.SendTextAsync("""{"id":"1","type":"start","payload":{"query":"mutation { echo(text: \"hi\") }"}}""");
        var data = await NextAsync(socket);
        Assert.Equal(("data", "1", "hi"), (Type(data), Id(data), data["payload"]!["data"]!["echo"]!.GetValue<string>()));
        Assert.Equal("complete", Type(await NextAsync(socket)));

        await socket.SendTextAsync("""{"type":"connection_terminate"}""");
        Assert.Equal(1000, (await socket.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_client_that_asks_for_no_known_subprotocol_is_closed_with_4406()
    {
        await using var socket = await _host.ConnectAsync("graphql-unknown");

        Assert.Equal(4406, (await socket.ReceiveCloseAsync()).Code);
    }

    private async Task<GraphQLWebSocketClient> InitialisedAsync()
    {
        var socket = await _host.ConnectAsync("graphql-transport-ws");
        await socket.SendTextAsync("""{"type":"connection_init"}""");
        Assert.Equal("connection_ack", Type(await NextAsync(socket)));
        return socket;
    }

    /// <summary>The next message, keep-alives included; fails when the server closes or sends nothing.</summary>
    private static async Task<JsonObject> NextAsync(GraphQLWebSocketClient socket) =>
        await socket.ReceiveAnyAsync() ?? throw new InvalidOperationException($"Expected a message, the server closed with {socket.CloseStatus} ({socket.CloseStatusDescription}).");

    private static string Type(JsonObject message) => message["type"]!.GetValue<string>();

    private static string? Id(JsonObject message) => message["id"]?.GetValue<string>();
}
