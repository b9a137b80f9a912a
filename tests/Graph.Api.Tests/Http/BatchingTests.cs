using System.Net;
using System.Text.Json;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Http;

/// <summary>
/// Batches: a POST whose body is a JSON array of requests (Apollo's BatchHttpLink, Relay's batch
/// network) is answered with an array of results in the same order, each request run as if sent alone.
/// </summary>
public sealed class BatchingTests : IDisposable
{
    private const string Json = "application/json";
    private const string StockQuery = "query($slug: String!) { productBySlug(slug: $slug) { stock } }";
    private const string Restock = "mutation($id: ID!, $q: Int!) { restockProduct(input: { productId: $id, quantity: $q }) { product { stock } errors { __typename } } }";

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Each_request_runs_with_its_own_variables_and_its_errors_stay_in_its_own_result()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostBatchAsync(
            new { query = "query($slug: String!) { categoryBySlug(slug: $slug) { name } }", variables = new { slug = "books" } },
            new { query = "{ noSuchField }" },
            new { query = "{ productBySlug(slug: \"classic-novel-1\") { name } }" },
            new { query = "{", operationName = "Broken" },
            new { query = "query($slug: String!) { categoryBySlug(slug: $slug) { name } }", variables = new { slug = "no-such-category" } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith(Json, response.ContentType);
        var results = response.Json!.AsArray();
        Assert.Equal(5, results.Count);
        Assert.Equal("Books", results[0]!["data"]!["categoryBySlug"]!["name"]!.ToString());
        Assert.Null(results[0]!["errors"]);
        Assert.False(results[1]!.AsObject().ContainsKey("data"));
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", results[1]!["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Equal("Classic Novel", results[2]!["data"]!["productBySlug"]!["name"]!.ToString());
        Assert.Equal("SYNTAX_ERROR", results[3]!["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Null(results[4]!["data"]!["categoryBySlug"]);
    }

    [Fact]
    public async Task Mutations_run_in_the_order_sent_and_the_queries_after_them_see_their_effect()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Staff);
        var product = await client.PostAsync("{ productBySlug(slug: \"classic-novel-1\") { id stock } }");
        var id = product.Data!["productBySlug"]!["id"]!.ToString();
        var before = product.Data!["productBySlug"]!["stock"]!.GetValue<int>();

        var response = await client.PostBatchAsync(
            new { query = Restock, variables = new { id, q = 3 } },
            new { query = StockQuery, variables = new { slug = "classic-novel-1" } },
            new { query = Restock, variables = new { id, q = 2 } },
            new { query = StockQuery, variables = new { slug = "classic-novel-1" } });

        var stocks = response.Json!.AsArray().Select(r => r!["data"]!.AsObject().First().Value).Select(v => (v!["product"] ?? v)["stock"]!.GetValue<int>());
        Assert.Equal([before + 3, before + 3, before + 5, before + 5], stocks);
    }

    [Fact]
    public async Task Each_request_of_a_batch_is_held_to_the_cost_limit_on_its_own()
    {
        _factory.Settings["GraphQL:Limits:MaxCost"] = "100";
        using var client = _factory.CreateClient();

        var response = await client.PostBatchAsync(
            new { query = "{ products(first: 50) { nodes { name } } }" },
            new { query = "{ categories { products(first: 50) { nodes { name } } } }" },
            new { query = "{ products(first: 50) { nodes { name } } }" });

        var results = response.Json!.AsArray();
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(50, results[0]!["data"]!["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal("COST_LIMIT_EXCEEDED", results[1]!["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Equal(50, results[2]!["data"]!["products"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_subscription_in_a_batch_is_refused_in_its_own_result()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostBatchAsync(
            new { query = "subscription { productStockChanged(productId: \"UHJvZHVjdDox\") { id } }" },
            new { query = "{ __typename }" });

        var results = response.Json!.AsArray();
        Assert.Equal("OPERATION_NOT_SUPPORTED", results[0]!["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Equal("Query", results[1]!["data"]!["__typename"]!.ToString());
    }

    [Fact]
    public async Task A_batch_is_answered_in_the_graphql_response_media_type_when_asked_and_reports_costs_when_asked()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("GraphQL-Cost", "report");

        var response = await client.PostBatchAsync(
            "application/graphql-response+json, application/json;q=0.9, text/event-stream;q=0.5",
            new { query = "{ __typename }" },
            new { query = "{ products(first: 5) { nodes { name } } }" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("application/graphql-response+json", response.ContentType);
        Assert.Equal([0.0, 6.0], response.Json!.AsArray().Select(r => r!["extensions"]!["cost"]!["estimated"]!.GetValue<double>()));
    }

    [Fact]
    public async Task A_batch_larger_than_the_limit_is_refused_whole_with_413_and_nothing_runs()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Staff);
        var product = await client.PostAsync("{ productBySlug(slug: \"classic-novel-1\") { id stock } }");
        var id = product.Data!["productBySlug"]!["id"]!.ToString();
        var before = product.Data!["productBySlug"]!["stock"]!.GetValue<int>();

        var response = await client.PostBatchAsync([.. Enumerable.Repeat<object>(new { query = Restock, variables = new { id, q = 1 } }, 11)]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(["BATCH_TOO_LARGE"], response.ErrorCodes);
        Assert.Contains("at most 10", response.Errors![0]!["message"]!.ToString(), StringComparison.Ordinal);
        var after = await client.PostAsync("{ productBySlug(slug: \"classic-novel-1\") { stock } }");
        Assert.Equal(before, after.Data!["productBySlug"]!["stock"]!.GetValue<int>());

        var ten = await client.PostBatchAsync([.. Enumerable.Repeat<object>(new { query = "{ __typename }" }, 10)]);
        Assert.Equal(10, ten.Json!.AsArray().Count);
    }

    [Theory]
    [InlineData("[]", HttpStatusCode.BadRequest, "BATCH_EMPTY")]
    [InlineData(" \n [ ] ", HttpStatusCode.BadRequest, "BATCH_EMPTY")]
    [InlineData("[1, 2]", HttpStatusCode.BadRequest, "HTTP_INVALID_REQUEST")]
    [InlineData("[{\"query\":\"{ __typename }\"}] x", HttpStatusCode.BadRequest, "HTTP_INVALID_JSON")]
    public async Task A_batch_that_cannot_run_is_refused_whole_with_a_code(string body, HttpStatusCode status, string code)
    {
        using var client = _factory.CreateClient();

        var response = await client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, body, Json, Json);

        Assert.Equal(status, response.Status);
        Assert.Equal([code], response.ErrorCodes);
    }

    [Fact]
    public async Task A_batch_needs_a_json_media_type_an_event_stream_is_not_acceptable()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostBatchAsync("text/event-stream", new { query = "{ __typename }" });

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(["HTTP_NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Fact]
    public async Task The_response_size_limit_holds_for_the_whole_array()
    {
        _factory.Settings["GraphQL:Limits:MaxResponseSize"] = "2000";
        using var client = _factory.CreateClient();
        var page = new { query = "{ products(first: 20) { nodes { name slug } } }" };
        var single = await client.PostBatchAsync(page);
        Assert.InRange(single.Text.Length, 1000, 1900);

        var response = await client.PostBatchAsync(page, page, page);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["RESPONSE_TOO_LARGE"], response.ErrorCodes);
    }

    [Fact]
    public async Task Batching_turned_off_refuses_an_array_as_before()
    {
        _factory.Settings["GraphQL:MaxBatchSize"] = "0";
        using var client = _factory.CreateClient();

        var response = await client.PostBatchAsync(new { query = "{ __typename }" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["HTTP_INVALID_REQUEST"], response.ErrorCodes);
    }
}

/// <summary>Sends batches.</summary>
internal static class BatchRequests
{
    public static Task<GraphQLResponse> PostBatchAsync(this HttpClient client, params object[] requests) =>
        client.PostBatchAsync("application/json", requests);

    public static Task<GraphQLResponse> PostBatchAsync(this HttpClient client, string accept, params object[] requests) =>
        client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, JsonSerializer.Serialize(requests), "application/json", accept);
}
