using System.Net.WebSockets;
using Xunit.Abstractions;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// <c>MaxPendingBytesPerConnection</c> over WebSocket: a client that sends many queries with large
/// results and never reads is closed, its operations stop, and the server's memory stays bounded
/// (the server runs in this process, so its live heap is measured here). The client cannot see the
/// 1013 close frame while it does not read, so when it reads at last it finds either that frame or a
/// dropped connection.
/// </summary>
public sealed class SlowClientTests(SlowClientTests.Server server, ITestOutputHelper output) : IClassFixture<SlowClientTests.Server>
{
    // About 25 KB of JSON per result: 50 products with every scalar, their category and cursors.
    private const string LargeQuery = """
        { products(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
            id sku name slug description price inStock createdAt averageRating reviewCount
            category { id name slug } } } } }
        """;

    // Without the limit the server would hold them all: ~100 KB of live heap per unsent result
    // (65 MiB for 600 queries, measured), so 4,000 would pass the bound below several times over.
    private const int Queries = 4_000;

    [Fact]
    public async Task A_client_that_never_reads_is_closed_and_the_server_memory_stays_bounded()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(server.Endpoint);
        for (var i = 0; i < Queries; i++)
        {
            await socket.SendAsync(new { id = $"q{i}", type = "subscribe", payload = new { query = LargeQuery } });
        }

        // Nothing is read until the server has given the socket's slot back: it ended the connection.
        var peak = before;
        await Eventually.WaitUntilAsync(
            () =>
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                return server.Connections.WebSockets.Count == 0;
            },
            "the server ends the connection of the client that does not read",
            TimeSpan.FromSeconds(60));

        var results = 0;
        var bytes = 0L;
        while (await socket.ReceiveAsync() is { } message)
        {
            results += message["type"]?.ToString() == "next" ? 1 : 0;
            bytes += message.ToJsonString().Length;
        }

        output.WriteLine($"live heap before {before / 1_048_576} MiB, peak {peak / 1_048_576} MiB; working set before {workingSetBefore / 1_048_576} MiB, after {Environment.WorkingSet / 1_048_576} MiB; {results} of {Queries} results read ({bytes} bytes); close {socket.CloseStatus} '{socket.CloseStatusDescription}'");
        Assert.True(results < Queries, "Every result was delivered: the client was never cut off.");
        Assert.True(socket.CloseStatus is null or (WebSocketCloseStatus)1013, $"Closed with {socket.CloseStatus}.");
        Assert.True(peak - before < 128 * 1_048_576, $"The live heap grew by {(peak - before) / 1_048_576} MiB.");
        await server.AssertServingAsync();
    }

    /// <summary>256 KiB may wait for a client; no cap on operations per socket, so this limit alone bounds what the client costs.</summary>
    public sealed class Server() : LimitsServer(new Dictionary<string, string>
    {
        ["MaxPendingBytesPerConnection"] = "262144",
        ["MaxOperationsPerSocket"] = "0",
    });
}
