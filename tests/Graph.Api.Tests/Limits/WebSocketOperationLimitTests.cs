using System.Net.WebSockets;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// <c>MaxOperationsPerSocket</c> and <c>MaxSocketMessageSize</c> on both subprotocols: one operation
/// too many is refused for its id alone, a completed one frees its slot, and a message over the size
/// closes the socket 1009 (a <c>connection_init</c> included).
/// </summary>
public sealed class WebSocketOperationLimitTests(WebSocketOperationLimitTests.Server server) : IClassFixture<WebSocketOperationLimitTests.Server>
{
    [Theory]
    [InlineData("graphql-transport-ws", "subscribe", "complete", "next")]
    [InlineData("graphql-ws", "start", "stop", "data")]
    public async Task One_operation_past_the_cap_is_refused_alone_and_a_completed_one_frees_its_slot(string protocol, string start, string stop, string result)
    {
        var productId = await server.FirstProductIdAsync();
        const string subscription = "subscription($id: ID!) { productStockChanged(productId: $id) { id inStock } }";
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint, protocol);
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            await socket.SendAsync(new { id, type = start, payload = new { query = subscription, variables = new { id = productId } } });
        }

        await socket.SendAsync(new { id = "s4", type = start, payload = new { query = subscription, variables = new { id = productId } } });
        var refused = await socket.ReceiveForAsync("s4", "error");

        Assert.NotNull(refused);
        Assert.Equal("TOO_MANY_OPERATIONS", refused["payload"]![0]!["extensions"]!["code"]!.ToString());

        // Completing one frees its slot: a query runs in it.
        await socket.SendAsync(new { id = "s1", type = stop });
        await socket.SendAsync(new { id = "q", type = start, payload = new { query = "{ __typename }" } });
        Assert.Equal("Query", (await socket.ReceiveForAsync("q", result))?["payload"]?["data"]?["__typename"]?.ToString());
        Assert.NotNull(await socket.ReceiveForAsync("q", "complete"));

        // The subscriptions that were let in are still live.
        await RestockAsync(productId);
        Assert.NotNull(await socket.ReceiveForAsync("s2", result));
        await server.AssertServingAsync();
    }

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task A_connection_init_over_the_message_size_closes_1009(string protocol)
    {
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint, protocol, initialise: false);
        await socket.SendAsync(new { type = "connection_init", payload = new { padding = new string('x', 64 * 1024) } });

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        Assert.Equal("Messages are limited to 4096 bytes", socket.CloseStatusDescription);
        await server.AssertServingAsync();
    }

    [Fact]
    public async Task An_operation_over_the_message_size_closes_1009()
    {
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint);
        await socket.SendAsync(new { id = "big", type = "subscribe", payload = new { query = "{ __typename } # " + new string('x', 8 * 1024) } });

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        await server.AssertServingAsync();
    }

    private async Task RestockAsync(string productId)
    {
        using var anonymous = server.CreateClient();
        using var staff = server.CreateClient(await anonymous.LogInAsync(DemoAccounts.Staff));
        var response = await staff.PostAsync(
            "mutation($id: ID!) { restockProduct(input: { productId: $id, quantity: 1 }) { errors { __typename } } }",
            new { id = productId });
        response.AssertNoErrors();
    }

    /// <summary>Three operations per socket, messages of 4 KiB.</summary>
    public sealed class Server() : LimitsServer(new Dictionary<string, string>
    {
        ["MaxOperationsPerSocket"] = "3",
        ["MaxSocketMessageSize"] = "4096",
    });
}
