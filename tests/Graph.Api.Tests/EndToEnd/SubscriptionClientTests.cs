using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// Subscriptions through the real clients over a real socket: <c>graphql-ws</c> (graphql-transport-ws),
/// <c>subscriptions-transport-ws</c> (legacy graphql-ws) and <c>graphql-sse</c>, with the events
/// raised by the real mutations (restock, checkout, order status) through the outbox.
/// </summary>
public sealed class SubscriptionClientTests : IDisposable
{
    private readonly KestrelShopServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Each_subscriber_receives_exactly_the_events_it_may_see()
    {
        var result = await NodeJson.RunAsync("ws-client.mjs", Url, "events");

        // Restock and the sale both reach every subscriber of the product, and only of that product.
        Assert.Equal(2, result["anonStock"]!.AsArray().Count);
        Assert.Equal(0, (int)result["otherProduct"]!);
        var staffStock = result["staffStock"]!.AsArray().Select(p => (int)p!["stock"]!).ToList();
        Assert.Equal([(int)result["stockAfterRestock"]!, (int)result["stockAfterRestock"]! - 1], staffStock);

        // The exact stock stays STAFF/ADMIN only, event after event.
        Assert.All(result["anonStaffView"]!.AsArray(), e =>
        {
            Assert.Null(e!["data"]!["stock"]);
            Assert.Equal(["AUTH_NOT_AUTHENTICATED"], e["codes"].Strings());
        });

        // orderPlaced: staff get the order; a customer and an anonymous client are refused at subscribe time.
        var placed = Assert.Single(result["staffPlaced"]!.AsArray());
        Assert.Equal(result["orderId"]!.ToString(), placed!["id"]!.ToString());
        Assert.Equal("Alice", placed["customer"]!["displayName"]!.ToString());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], result["alicePlaced"].Strings());
        Assert.Equal(["AUTH_NOT_AUTHENTICATED"], result["anonPlaced"].Strings());

        // orderStatusChanged: the customer and staff; another customer and anonymous are refused;
        // the customer's completed subscription missed SHIPPED.
        Assert.Equal(["PREPARING"], result["aliceStatus"].Strings());
        Assert.Equal(["PREPARING", "SHIPPED"], result["staffStatus"].Strings());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], result["bobStatus"].Strings());
        Assert.Equal(["AUTH_NOT_AUTHENTICATED"], result["anonStatus"].Strings());
    }

    [Fact]
    public async Task The_token_comes_from_connection_init_or_the_upgrade_header_and_a_bad_one_closes_4403()
    {
        var result = await NodeJson.RunAsync("ws-client.mjs", Url, "auth");

        foreach (var way in new[] { "lower", "upper", "header" })
        {
            Assert.Equal("staff@shop.test", result[way]!["email"]!.ToString());
        }

        Assert.Null(result["anonymous"]);
        Assert.Equal(4403, (int)result["badToken"]!["closed"]!["code"]!);
        Assert.False((bool)result["badToken"]!["connected"]!);
        Assert.Equal(4403, (int)result["forgedToken"]!["code"]!);
    }

    [Fact]
    public async Task The_legacy_client_subscribes_queries_unsubscribes_and_is_refused_a_bad_token()
    {
        var result = await NodeJson.RunAsync("ws-legacy.mjs", Url);

        Assert.Single(result["stock"]!.AsArray());
        Assert.Equal("staff@shop.test", result["me"]![0]!["email"]!.ToString());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], result["refused"].Strings());
        Assert.Equal("Forbidden", result["badToken"]!["message"]!.ToString());
    }

    [Fact]
    public async Task Server_sent_events_stream_subscription_events_and_single_results()
    {
        var result = await NodeJson.RunAsync("sse.mjs", Url);

        Assert.All(result["streams"]!.AsArray(), s => Assert.Equal("text/event-stream; charset=utf-8", s!["contentType"]!.ToString()));
        Assert.Equal([3, 6], result["stock"]!.AsArray().Select(p => (int)p!["stock"]!));
        Assert.Equal(2, result["publicStock"]!.AsArray().Count);
        Assert.Equal("Classic Novel", result["query"]![0]!["data"]!["productBySlug"]!["name"]!.ToString());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", result["invalid"]![0]![0]!.ToString());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", result["refused"]![0]![0]!.ToString());
    }

    private string Url => _server.GraphQLEndpoint.ToString();
}
