using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Sse.SingleConnection;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>A single-connection reservation whose stream is never opened is dropped at <c>GraphQL:SseReservationTimeout</c>.</summary>
public sealed class SseReservationExpiryTests : IDisposable
{
    private readonly KestrelShopServer _server;

    public SseReservationExpiryTests()
    {
        var factory = new ShopApiFactory();
        factory.Settings["GraphQL:SseReservationTimeout"] = "00:00:00.300";
        _server = new KestrelShopServer(factory);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task A_reservation_never_opened_expires_and_gives_its_slot_back()
    {
        var reservations = _server.Services.GetRequiredService<SseReservations>();
        var streams = _server.Services.GetRequiredService<GraphQLConnectionLimiters>().SseStreams;
        using var client = new HttpClient { BaseAddress = _server.BaseAddress };
        using var put = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, GraphQLHttp.Path));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var token = await put.Content.ReadAsStringAsync();

        // Ending a reservation forgets its token first and gives its slot back last (SseReservation.End):
        // both are waited for, so a check between the two steps cannot fail the test.
        await Eventually.WaitUntilAsync(() => reservations.Count == 0 && streams.Count == 0, "the unopened reservation expires and gives its slot back");

        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttp.Path);
        request.Headers.Add("X-GraphQL-Event-Stream-Token", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var late = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        var body = JsonNode.Parse(await late.Content.ReadAsStringAsync())!;
        Assert.Equal("SSE_STREAM_NOT_FOUND", body["errors"]![0]!["extensions"]!["code"]!.ToString());
    }
}
