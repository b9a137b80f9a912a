using System.Net;
using System.Text;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Subscriptions;

namespace Graph.Api.Tests.Limits;

/// <summary>The request limits hold on the streaming transports too: a refused operation is a protocol error there.</summary>
public sealed class StreamingLimitsTests : IDisposable
{
    private static readonly string Costly = HostileRequests.All["3 levels of nested connections, first: 50 each"].Query;
    private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Over_a_WebSocket_a_refused_operation_is_an_error_message_and_the_socket_stays_up()
    {
        await using var socket = await TransportWsTestClient.ConnectAsync(_factory);

        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = Costly } });
        var refused = await socket.ReceiveAsync(TimeSpan.FromSeconds(10));
        await socket.SendAsync(new { id = "2", type = "subscribe", payload = new { query = "{ __typename }" } });
        var next = await socket.ReceiveAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("error", refused?["type"]?.ToString());
        Assert.Equal("1", refused?["id"]?.ToString());
        Assert.Equal("COST_LIMIT_EXCEEDED", refused?["payload"]?[0]?["extensions"]?["code"]?.ToString());
        Assert.Equal("next", next?["type"]?.ToString());
        Assert.Equal("Query", next?["payload"]?["data"]?["__typename"]?.ToString());
    }

    [Fact]
    public async Task Over_server_sent_events_a_refused_operation_is_an_error_event()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query = Costly }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept", "text/event-stream");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Contains("COST_LIMIT_EXCEEDED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", text, StringComparison.Ordinal);
    }
}
