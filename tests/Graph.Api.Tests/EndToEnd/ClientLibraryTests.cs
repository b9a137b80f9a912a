using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// The client libraries shops are built with, unmodified, against the server on a real socket:
/// Apollo Client 4 (HttpLink, BatchHttpLink, GraphQLWsLink), urql in Node (whose default Accept lists
/// an event stream after the JSON types) and graphql-sse in both of its modes.
/// </summary>
public sealed class ClientLibraryTests : IDisposable
{
    private const string GraphQLResponseUtf8 = "application/graphql-response+json; charset=utf-8";

    private readonly KestrelShopServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Apollo_client_queries_over_http_batches_into_one_request_and_subscribes_over_websocket()
    {
        var result = await NodeJson.RunAsync("apollo.mjs", Url);

        var http = result["http"]!;
        Assert.Equal("Books", http["category"]!.ToString());
        Assert.True((bool)http["signedIn"]!);
        Assert.All(http["requests"]!.AsArray(), r => Assert.Equal(GraphQLResponseUtf8, r!["contentType"]!.ToString()));

        // Four queries, one HTTP request carrying an array of four, one result each (the invalid one its own error).
        var batch = result["batch"]!;
        var request = Assert.Single(batch["requests"]!.AsArray())!;
        Assert.Equal(4, (int)request["batch"]!);
        Assert.Equal(200, (int)request["status"]!);
        Assert.Equal(GraphQLResponseUtf8, request["contentType"]!.ToString());
        Assert.Equal(["Books", "Classic Novel", "Garden"], [batch["books"]!.ToString(), batch["novel"]!.ToString(), batch["games"]!.ToString()]);
        Assert.Equal(["FIELDS_ON_CORRECT_TYPE"], batch["brokenCodes"].Strings());

        var ws = result["ws"]!;
        Assert.Null(ws["failure"]);
        var stock = Assert.Single(ws["events"]!.AsArray())!;
        Assert.True((bool)stock["inStock"]!);
    }

    [Fact]
    public async Task Urql_in_node_gets_json_although_its_accept_header_lists_an_event_stream()
    {
        var result = await NodeJson.RunAsync("urql.mjs", Url);

        var requests = result["requests"]!.AsArray();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Contains("text/event-stream", r!["accept"]!.ToString(), StringComparison.Ordinal);
            Assert.Equal(GraphQLResponseUtf8, r["contentType"]!.ToString());
        });
        Assert.Equal("Classic Novel", result["product"]!.ToString());
        Assert.Null(result["queryError"]);
        Assert.True((bool)result["signedIn"]!);
        Assert.Null(result["mutationError"]);
        Assert.Equal(["FIELDS_ON_CORRECT_TYPE"], result["invalidCodes"].Strings());
    }

    [Fact]
    public async Task Graphql_sse_runs_a_query_and_a_subscription_in_distinct_and_in_single_connection_mode()
    {
        var result = await NodeJson.RunAsync("sse-modes.mjs", Url);

        foreach (var mode in new[] { "distinct", "single" })
        {
            var run = result[mode]!;
            Assert.Empty(run["errors"]!.AsArray());
            Assert.Equal(["Classic Novel"], run["query"].Strings());
            Assert.True((bool)run["queryCompleted"]!);
            Assert.Equal([(int)run["expectedStock"]!], run["stock"]!.AsArray().Select(s => (int)s!));
        }

        // Distinct connections: each operation is a POST answered with a stream of its own, nothing else.
        var distinct = result["distinct"]!["requests"]!.AsArray();
        Assert.All(distinct, r => Assert.Equal(("POST", 200, "text/event-stream; charset=utf-8"), ((string)r!["method"]!, (int)r["status"]!, (string)r["contentType"]!)));

        // Single connection: reserve (201), open the stream (200), operations accepted (202), stop (200).
        var single = result["single"]!["requests"]!.AsArray().Select(r => $"{r!["method"]} {r["status"]}").ToList();
        Assert.Contains("PUT 201", single);
        Assert.Contains("GET 200", single);
        Assert.Equal(2, single.Count(r => r == "POST 202"));
        Assert.Contains("DELETE 200", single);
        Assert.DoesNotContain(single, r => !r.EndsWith(" 200", StringComparison.Ordinal) && !r.EndsWith(" 201", StringComparison.Ordinal) && !r.EndsWith(" 202", StringComparison.Ordinal));
    }

    private string Url => _server.GraphQLEndpoint.ToString();
}
