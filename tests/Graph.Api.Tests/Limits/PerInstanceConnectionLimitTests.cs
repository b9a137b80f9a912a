using System.Net;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// <c>MaxWebSockets</c> and <c>MaxSseStreams</c>: once the instance holds as many as it allows, one
/// more is answered 503 with <c>Retry-After</c>, and the slots come back when the connections end.
/// </summary>
public sealed class PerInstanceConnectionLimitTests(PerInstanceConnectionLimitTests.Server server) : IClassFixture<PerInstanceConnectionLimitTests.Server>
{
    [Fact]
    public async Task A_full_instance_refuses_websockets_503_until_one_closes()
    {
        await using var first = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint);
        await using var second = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint, "graphql-ws");

        var (status, headers) = await GraphQLWebSocketClient.TryConnectAsync(server.Endpoint);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.True(headers!.ContainsKey("Retry-After"));
        using (var client = server.CreateClient())
        using (var refused = await client.SendUpgradeAsync())
        {
            await StreamRequests.AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable);
        }

        await first.CloseAsync();
        await Eventually.WaitUntilAsync(() => server.Connections.WebSockets.Count == 1, "the closed socket's slot is given back");
        await using var third = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint);
        await server.AssertServingAsync();
    }

    [Fact]
    public async Task A_full_instance_refuses_sse_streams_503_until_one_ends()
    {
        var productId = await server.FirstProductIdAsync();
        using var client = server.CreateClient();
        using var first = await client.OpenSseAsync(productId);
        using var second = await client.OpenSseAsync(productId);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using (var refused = await client.OpenSseAsync(productId))
        {
            await StreamRequests.AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable);
        }

        first.Dispose();
        await Eventually.WaitUntilAsync(() => server.Connections.SseStreams.Count == 1, "the ended stream's slot is given back");
        using var third = await client.OpenSseAsync(productId);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await server.AssertServingAsync();
    }

    /// <summary>Two WebSockets and two SSE streams on the instance; no per-address limit, so the instance's is the one reached.</summary>
    public sealed class Server() : LimitsServer(new Dictionary<string, string>
    {
        ["MaxWebSockets"] = "2",
        ["MaxSseStreams"] = "2",
        ["MaxWebSocketsPerClient"] = "0",
        ["MaxSseStreamsPerClient"] = "0",
    });
}
