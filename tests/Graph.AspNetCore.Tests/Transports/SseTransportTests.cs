using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Graph.AspNetCore.Tests.Transports;

/// <summary>GraphQL over server-sent events (graphql-sse, distinct connections mode) against the serving layer's own schema.</summary>
public sealed class SseTransportTests : IAsyncLifetime
{
    private TransportHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TransportHost.StartAsync();
        _client = _host.Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_query_is_one_next_event_then_complete()
    {
        using var response = await OpenAsync("{ hello }");
        using var events = new SseEventReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var next = (await events.ReadAsync())!.Value;
        Assert.Equal("next", next.Event);
        Assert.Equal("world", next.Data!["data"]!["hello"]!.GetValue<string>());
        Assert.Equal("complete", (await events.ReadAsync())?.Event);
    }

    [Fact]
    public async Task A_subscription_streams_each_event_on_its_own_connection()
    {
        // The response's headers go out once the subscription is in place.
        using var response = await OpenAsync("subscription { ticks }");
        using var events = new SseEventReader(await response.Content.ReadAsStreamAsync());

        await _host.TickAsync(1);
        await _host.TickAsync(2);

        foreach (var n in new[] { 1, 2 })
        {
            var next = (await events.ReadAsync())!.Value;
            Assert.Equal("next", next.Event);
            Assert.Equal(n, next.Data!["data"]!["ticks"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_document_that_does_not_validate_is_a_next_event_with_its_errors()
    {
        using var response = await OpenAsync("subscription { nope }");
        using var events = new SseEventReader(await response.Content.ReadAsStreamAsync());

        var next = (await events.ReadAsync())!.Value;
        Assert.Equal("next", next.Event);
        Assert.NotEmpty(next.Data!["errors"]!.AsArray());
        Assert.Equal("complete", (await events.ReadAsync())?.Event);
    }

    private async Task<HttpResponseMessage> OpenAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
