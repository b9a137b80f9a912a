using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Limits;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Sse.SingleConnection;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>
/// graphql-sse's single connection mode on a real socket: PUT reserves a stream, GET with its token
/// opens it, POSTs with the token run operations whose results arrive on it addressed by
/// operationId, DELETE stops one; the reservation holds an SSE slot and ends with its stream.
/// </summary>
public sealed class SseSingleConnectionTests : IDisposable
{
    private const string StockSubscription = "subscription($id: ID!) { productStockChanged(productId: $id) { id stock } }";

    private readonly KestrelShopServer _server;
    private readonly HttpClient _client;

    public SseSingleConnectionTests()
    {
        var factory = new ShopApiFactory();
        factory.Settings["GraphQL:SseReservationTimeout"] = "00:01:00"; // the expiry has its own test
        factory.Settings["GraphQL:Limits:MaxSseStreamsPerClient"] = "3";
        factory.Settings["GraphQL:Limits:MaxOperationsPerSocket"] = "2";
        factory.Settings["GraphQL:Limits:MaxPendingBytesPerConnection"] = "2000";
        _server = new KestrelShopServer(factory);
        _client = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private ConnectionLimiter SseStreams => _server.Services.GetRequiredService<GraphQLConnectionLimiters>().SseStreams;

    private SseReservations Reservations => _server.Services.GetRequiredService<SseReservations>();

    [Fact]
    public async Task A_query_and_a_subscription_stream_their_results_through_the_reserved_stream_by_operation_id()
    {
        var staff = await _client.LogInAsync(DemoAccounts.Staff);
        var token = await ReserveAsync(staff);
        Assert.Equal(1, SseStreams.Count);
        using var stream = await OpenAsync(token);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var events = new SseEventReader(await stream.Content.ReadAsStreamAsync());

        using (var query = await PostAsync(token, "q1", "{ productBySlug(slug: \"classic-novel-1\") { name } }", bearer: staff))
        {
            Assert.Equal(HttpStatusCode.Accepted, query.StatusCode);
        }

        var next = await events.ReadAsync();
        Assert.Equal("next", next!.Value.Event);
        Assert.Equal("q1", next.Value.Data!["id"]!.ToString());
        Assert.Equal("Classic Novel", next.Value.Data!["payload"]!["data"]!["productBySlug"]!["name"]!.ToString());
        var complete = await events.ReadAsync();
        Assert.Equal("complete", complete!.Value.Event);
        Assert.Equal("q1", complete.Value.Data!["id"]!.ToString());

        var productId = await ProductIdAsync();
        using (var subscribe = await PostAsync(token, "s1", StockSubscription, new { id = productId }, staff))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        }

        var stock = await RestockAsync(staff, productId);
        var stockEvent = await events.ReadAsync();
        Assert.Equal("next", stockEvent!.Value.Event);
        Assert.Equal("s1", stockEvent.Value.Data!["id"]!.ToString());
        Assert.Equal(stock, stockEvent.Value.Data!["payload"]!["data"]!["productStockChanged"]!["stock"]!.GetValue<int>());

        // A running id is taken; DELETE stops it, and then the id is free again.
        using (var duplicate = await PostAsync(token, "s1", StockSubscription, new { id = productId }, staff))
        {
            await AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "SSE_OPERATION_ID_IN_USE");
        }

        using (var stop = await DeleteAsync(token, "s1", staff))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        using (var again = await PostAsync(token, "s1", "{ __typename }", bearer: staff))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }
    }

    [Fact]
    public async Task Requests_that_never_reach_execution_are_answered_on_the_request_as_over_http()
    {
        var token = await ReserveAsync();

        using (var invalid = await PostAsync(token, "v1", "{ noSuchField }"))
        {
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
            var body = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!;
            Assert.Equal("FIELDS_ON_CORRECT_TYPE", body["errors"]![0]!["extensions"]!["code"]!.ToString());
        }

        using (var invalid = await PostAsync(token, "v1", "{ noSuchField }", accept: "application/graphql-response+json"))
        {
            await AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE");
        }

        // A subscription refused when it subscribes has run (the refusal is its result): it is on the stream.
        using var stream = await OpenAsync(token);
        using var events = new SseEventReader(await stream.Content.ReadAsStreamAsync());
        using (var refused = await PostAsync(token, "v2", "subscription { orderPlaced { id } }"))
        {
            Assert.Equal(HttpStatusCode.Accepted, refused.StatusCode);
        }

        var next = await events.ReadAsync();
        Assert.Equal(("next", "v2"), (next!.Value.Event, next.Value.Data!["id"]!.ToString()));
        Assert.Equal("AUTH_NOT_AUTHENTICATED", next.Value.Data!["payload"]!["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Equal("complete", (await events.ReadAsync())!.Value.Event);

        using (var noId = await PostAsync(token, null, "{ __typename }"))
        {
            await AssertErrorAsync(noId, HttpStatusCode.BadRequest, "HTTP_INVALID_REQUEST");
        }

        using (var noOperation = await DeleteAsync(token, null))
        {
            await AssertErrorAsync(noOperation, HttpStatusCode.BadRequest, "HTTP_INVALID_REQUEST");
        }
    }

    [Fact]
    public async Task An_unknown_token_is_404_and_a_second_stream_for_one_reservation_is_409()
    {
        using (var get = await OpenAsync("no-such-token"))
        {
            await AssertErrorAsync(get, HttpStatusCode.NotFound, "SSE_STREAM_NOT_FOUND");
        }

        using (var post = await PostAsync("no-such-token", "q", "{ __typename }"))
        {
            await AssertErrorAsync(post, HttpStatusCode.NotFound, "SSE_STREAM_NOT_FOUND");
        }

        using (var delete = await DeleteAsync("no-such-token", "q"))
        {
            await AssertErrorAsync(delete, HttpStatusCode.NotFound, "SSE_STREAM_NOT_FOUND");
        }

        var token = await ReserveAsync();
        using var first = await OpenAsync(token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await OpenAsync(token);
        await AssertErrorAsync(second, HttpStatusCode.Conflict, "SSE_STREAM_ALREADY_OPEN");
    }

    [Fact]
    public async Task Only_the_user_who_reserved_the_stream_runs_or_stops_its_operations()
    {
        var staff = await _client.LogInAsync(DemoAccounts.Staff);
        var alice = await _client.LogInAsync(DemoAccounts.Alice);
        var token = await ReserveAsync(staff);

        using (var other = await PostAsync(token, "q", "{ __typename }", bearer: alice))
        {
            await AssertErrorAsync(other, HttpStatusCode.Forbidden, "AUTH_NOT_AUTHORIZED");
        }

        using (var anonymous = await PostAsync(token, "q", "{ __typename }"))
        {
            await AssertErrorAsync(anonymous, HttpStatusCode.Forbidden, "AUTH_NOT_AUTHORIZED");
        }

        using (var stop = await DeleteAsync(token, "q", alice))
        {
            await AssertErrorAsync(stop, HttpStatusCode.Forbidden, "AUTH_NOT_AUTHORIZED");
        }

        using var owner = await PostAsync(token, "q", "{ __typename }", bearer: staff);
        Assert.Equal(HttpStatusCode.Accepted, owner.StatusCode);
    }

    [Fact]
    public async Task The_reservation_ends_with_its_stream()
    {
        var token = await ReserveAsync();
        var stream = await OpenAsync(token);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        var body = await stream.Content.ReadAsStreamAsync();
        Assert.Equal((byte)':', (byte)body.ReadByte()); // the stream is open and being served

        stream.Dispose();
        await Eventually.WaitUntilAsync(() => Reservations.Count == 0 && SseStreams.Count == 0, "the closed stream's reservation ends");

        using var post = await PostAsync(token, "q", "{ __typename }");
        await AssertErrorAsync(post, HttpStatusCode.NotFound, "SSE_STREAM_NOT_FOUND");
    }

    [Fact]
    public async Task Reservations_count_against_the_sse_stream_limits_and_operations_against_the_per_connection_limit()
    {
        var tokens = new[] { await ReserveAsync(), await ReserveAsync(), await ReserveAsync() };
        using (var refused = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Put, GraphQLHttp.Path)))
        {
            await StreamRequests.AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests);
        }

        var productId = await ProductIdAsync();
        using (var first = await PostAsync(tokens[0], "s1", StockSubscription, new { id = productId }))
        using (var second = await PostAsync(tokens[0], "s2", StockSubscription, new { id = productId }))
        using (var third = await PostAsync(tokens[0], "s3", StockSubscription, new { id = productId }))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            await AssertErrorAsync(third, HttpStatusCode.TooManyRequests, "TOO_MANY_OPERATIONS");
        }

        // Results wait for a stream that is not open, at most MaxPendingBytesPerConnection of them:
        // past that the reservation ends.
        var page = "{ products(first: 20) { nodes { name slug } } }";
        for (var i = 0; i < 3 && Reservations.Count == 3; i++)
        {
            using var query = await PostAsync(tokens[1], $"q{i}", page);
        }

        Assert.Equal(2, Reservations.Count);
        using var after = await PostAsync(tokens[1], "late", "{ __typename }");
        await AssertErrorAsync(after, HttpStatusCode.NotFound, "SSE_STREAM_NOT_FOUND");
    }

    private Task<string> ReserveAsync(string? bearer = null) => _client.ReserveAsync(bearer);

    private Task<HttpResponseMessage> OpenAsync(string token) => _client.OpenAsync(token);

    private Task<HttpResponseMessage> PostAsync(string token, string? operationId, string query, object? variables = null, string? bearer = null, string? accept = null) =>
        _client.PostOperationAsync(token, operationId, query, variables, bearer, accept);

    private Task<HttpResponseMessage> DeleteAsync(string token, string? operationId, string? bearer = null) => _client.DeleteOperationAsync(token, operationId, bearer);

    private static Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code) => SseSingleConnectionRequests.AssertErrorAsync(response, status, code);

    private async Task<string> ProductIdAsync()
    {
        var response = await _client.PostAsync("{ productBySlug(slug: \"classic-novel-1\") { id } }");
        return response.Data!["productBySlug"]!["id"]!.ToString();
    }

    private async Task<int> RestockAsync(string bearer, string productId)
    {
        using var client = new HttpClient { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await client.PostAsync("mutation($id: ID!) { restockProduct(input: { productId: $id, quantity: 2 }) { product { stock } } }", new { id = productId });
        response.AssertNoErrors();
        return response.Data!["restockProduct"]!["product"]!["stock"]!.GetValue<int>();
    }
}
