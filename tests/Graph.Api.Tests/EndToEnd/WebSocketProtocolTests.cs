using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// The server's GraphQL WebSocket protocols probed frame by frame with a raw client
/// (<c>tests/e2e/ws-protocol.mjs</c>, the <c>ws</c> package) over a real socket: every close code,
/// ping/pong both ways, single results for queries and mutations, nothing after <c>complete</c>, and
/// the legacy <c>graphql-ws</c> subprotocol.
/// </summary>
public sealed class WebSocketProtocolTests(WebSocketProtocolTests.Server server) : IClassFixture<WebSocketProtocolTests.Server>
{
    [Fact]
    public async Task A_socket_without_connection_init_is_closed_4408_when_the_timeout_passes()
    {
        var result = await ProbeAsync("init-timeout");

        AssertClosed(result, 4408, "Connection initialisation timeout");
    }

    [Theory]
    [InlineData("not-json", "Invalid message received: not JSON")]
    [InlineData("not-an-object", "Invalid message received: a message must be a JSON object")]
    [InlineData("no-type", "Invalid message received: 'type' must be a string")]
    [InlineData("unknown-type", "Invalid message received: unexpected type 'start'")]
    [InlineData("binary", "Invalid message received: binary frames are not supported")]
    [InlineData("invalid-subscribe", "Invalid message received: the payload's 'query' must be a string")]
    [InlineData("subscribe-without-id", "Invalid message received: 'subscribe' requires a non-empty string 'id'")]
    public async Task A_malformed_message_closes_the_socket_4400(string scenario, string reason)
    {
        var result = await ProbeAsync(scenario);

        AssertClosed(result, 4400, reason);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_1009()
    {
        AssertClosed(await ProbeAsync("too-large"), 1009, "Messages are limited to 65536 bytes");
    }

    [Fact]
    public async Task Subscribe_before_the_connection_is_acknowledged_closes_4401()
    {
        AssertClosed(await ProbeAsync("subscribe-before-ack"), 4401, "Unauthorized");
    }

    [Fact]
    public async Task A_second_connection_init_closes_4429()
    {
        AssertClosed(await ProbeAsync("init-twice"), 4429, "Too many initialisation requests");
    }

    [Fact]
    public async Task An_operation_id_in_use_closes_4409()
    {
        AssertClosed(await ProbeAsync("duplicate-id"), 4409, "Subscriber for same already exists");
    }

    [Theory]
    [InlineData("bad-token")]
    [InlineData("bad-header-token")]
    public async Task A_bad_token_closes_4403_without_an_acknowledgement(string scenario)
    {
        var result = await ProbeAsync(scenario);

        AssertClosed(result, 4403, "Forbidden");
        Assert.DoesNotContain("connection_ack", Types(result));
    }

    [Fact]
    public async Task A_client_asking_for_no_known_subprotocol_is_closed_4406()
    {
        AssertClosed(await ProbeAsync("no-subprotocol"), 4406, "Subprotocol not acceptable");
    }

    [Fact]
    public async Task Pings_are_answered_before_and_after_the_acknowledgement_and_the_server_pings_too()
    {
        var result = await ProbeAsync("ping-pong");

        Assert.Equal(1000, (int)result["code"]!);
        var types = Types(result);
        Assert.Equal(["pong", "connection_ack", "pong"], types.Take(3));
        Assert.Contains("ping", types.Skip(3));
    }

    [Fact]
    public async Task Queries_and_mutations_give_one_result_then_complete_and_invalid_ones_an_error()
    {
        var result = await ProbeAsync("query-and-mutation");

        var messages = result["messages"]!.AsArray();
        Assert.Equal(["next", "complete"], Of(messages, "q").Select(m => m["type"]!.ToString()));
        Assert.Equal("Query", Of(messages, "q")[0]["payload"]!["data"]!["__typename"]!.ToString());
        Assert.Equal(["next", "complete"], Of(messages, "m").Select(m => m["type"]!.ToString()));
        var error = Assert.Single(Of(messages, "bad"));
        Assert.Equal("error", error["type"]!.ToString());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", error["payload"]![0]!["extensions"]!["code"]!.ToString());
    }

    [Fact]
    public async Task Nothing_arrives_for_a_subscription_after_the_client_completed_it()
    {
        var result = await ProbeAsync("nothing-after-complete", await server.StaffTokenAsync());

        Assert.Empty(result["afterComplete"]!.AsArray());
        Assert.Equal(3, Of(result["messages"]!.AsArray(), "kept").Count(m => m["type"]!.ToString() == "next"));
        Assert.Single(Of(result["messages"]!.AsArray(), "stopped"));
    }

    [Fact]
    public async Task The_legacy_graphql_ws_subprotocol_acknowledges_keeps_alive_streams_stops_and_terminates()
    {
        var result = await ProbeAsync("legacy-flow", await server.StaffTokenAsync());

        Assert.Equal("graphql-ws", result["protocol"]!.ToString());
        Assert.Equal(1000, (int)result["code"]!);
        var messages = result["messages"]!.AsArray();
        Assert.Equal(["connection_ack", "ka"], Types(result).Take(2));
        Assert.Equal(["data", "complete"], Of(messages, "q").Select(m => m["type"]!.ToString()));
        Assert.Equal("error", Assert.Single(Of(messages, "bad"))["type"]!.ToString());
        Assert.Equal("data", Of(messages, "s")[0]["type"]!.ToString());
        Assert.Empty(result["afterStop"]!.AsArray());
    }

    [Fact]
    public async Task The_legacy_subprotocol_refuses_a_bad_token_with_connection_error_and_4403()
    {
        var result = await ProbeAsync("legacy-bad-token");

        AssertClosed(result, 4403, "Forbidden");
        Assert.Equal(["connection_error"], Types(result));
    }

    [Fact]
    public async Task The_legacy_subprotocol_closes_4401_for_start_before_the_acknowledgement()
    {
        AssertClosed(await ProbeAsync("legacy-start-before-ack"), 4401, "Unauthorized");
    }

    private Task<JsonNode> ProbeAsync(string scenario, string token = "") =>
        NodeJson.RunAsync("ws-protocol.mjs", server.Kestrel.GraphQLEndpoint.ToString(), scenario, token);

    private static void AssertClosed(JsonNode result, int code, string reason)
    {
        Assert.Equal(code, (int)result["code"]!);
        Assert.Equal(reason, result["reason"]!.ToString());
    }

    private static string[] Types(JsonNode result) =>
        [.. result["messages"]!.AsArray().Select(m => m!["type"]!.ToString())];

    private static List<JsonNode> Of(JsonArray messages, string id) =>
        [.. messages.Where(m => m!["id"]?.ToString() == id).Select(m => m!)];

    /// <summary>One server for the class: a 1 s initialisation timeout and a 500 ms keep-alive, so the probes are quick.</summary>
    public sealed class Server : IDisposable
    {
        private string? _staffToken;

        public KestrelShopServer Kestrel { get; } = new(new ShopApiFactory
        {
            Settings =
            {
                ["GraphQL:ConnectionInitTimeout"] = "00:00:01",
                ["GraphQL:KeepAliveInterval"] = "00:00:00.500",
            },
        });

        public async Task<string> StaffTokenAsync()
        {
            using var client = new HttpClient { BaseAddress = Kestrel.BaseAddress };
            return _staffToken ??= await client.LogInAsync(DemoAccounts.Staff);
        }

        public void Dispose() => Kestrel.Dispose();
    }
}
