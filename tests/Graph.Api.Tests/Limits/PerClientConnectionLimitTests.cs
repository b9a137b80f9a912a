using System.Net;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// <c>MaxWebSocketsPerClient</c>, <c>MaxSseStreamsPerClient</c> and <c>MaxSseStreamsPerUser</c>:
/// one more is answered 429 with <c>Retry-After</c> before the upgrade or the stream, and the slots
/// come back however the connections end.
/// </summary>
public sealed class PerClientConnectionLimitTests(PerClientConnectionLimitTests.Server server) : IClassFixture<PerClientConnectionLimitTests.Server>
{
    [Fact]
    public async Task A_client_address_past_its_websockets_is_refused_429_and_gets_its_slots_back_when_they_close()
    {
        for (var round = 0; round < 2; round++)
        {
            var sockets = new List<GraphQLWebSocketClient>();
            for (var i = 0; i < 3; i++)
            {
                sockets.Add(await GraphQLWebSocketClient.ConnectAsync(server.Endpoint));
            }

            var (status, headers) = await GraphQLWebSocketClient.TryConnectAsync(server.Endpoint);
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.True(headers!.ContainsKey("Retry-After"));
            using (var client = server.CreateClient())
            using (var refused = await client.SendUpgradeAsync())
            {
                await StreamRequests.AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests);
            }

            // Closed with the handshake, or dropped without one: either way the slot comes back.
            await sockets[0].CloseAsync();
            sockets[1].Abort();
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }

            await Eventually.WaitUntilAsync(() => server.Connections.WebSockets.Count == 0, "every socket's slot is given back");
        }

        await server.AssertServingAsync();
    }

    [Fact]
    public async Task A_client_address_past_its_sse_streams_is_refused_429_and_gets_its_slots_back_when_they_end()
    {
        var productId = await server.FirstProductIdAsync();
        using var client = server.CreateClient();
        for (var round = 0; round < 2; round++)
        {
            var streams = new List<HttpResponseMessage>();
            for (var i = 0; i < 3; i++)
            {
                streams.Add(await client.OpenSseAsync(productId));
                Assert.Equal(HttpStatusCode.OK, streams[^1].StatusCode);
            }

            using (var refused = await client.OpenSseAsync(productId))
            {
                await StreamRequests.AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests);
            }

            streams.ForEach(s => s.Dispose());
            await Eventually.WaitUntilAsync(() => server.Connections.SseStreams.Count == 0, "every stream's slot is given back");
        }

        await server.AssertServingAsync();
    }

    [Fact]
    public async Task A_signed_in_user_past_their_sse_streams_is_refused_429_while_the_address_may_still_open_one()
    {
        var productId = await server.FirstProductIdAsync();
        using var anonymous = server.CreateClient();
        using var staff = server.CreateClient(await anonymous.LogInAsync(DemoAccounts.Staff));
        var streams = new List<HttpResponseMessage> { await staff.OpenSseAsync(productId), await staff.OpenSseAsync(productId) };
        Assert.All(streams, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));

        using (var refused = await staff.OpenSseAsync(productId))
        {
            await StreamRequests.AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests);
        }

        streams.Add(await anonymous.OpenSseAsync(productId));
        Assert.Equal(HttpStatusCode.OK, streams[^1].StatusCode);

        streams.ForEach(s => s.Dispose());
        await Eventually.WaitUntilAsync(() => server.Connections.SseStreams.Count == 0, "every stream's slot is given back");
    }

    /// <summary>Three WebSockets and three SSE streams per address, two SSE streams per user.</summary>
    public sealed class Server() : LimitsServer(new Dictionary<string, string>
    {
        ["MaxWebSocketsPerClient"] = "3",
        ["MaxSseStreamsPerClient"] = "3",
        ["MaxSseStreamsPerUser"] = "2",
    });
}
