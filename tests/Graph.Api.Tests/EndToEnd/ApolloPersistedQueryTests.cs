using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// Apollo Client's persisted query link, unmodified, over a real socket: automatic persisted
/// queries by POST and by GET, and the trusted documents' ids in <c>TrustedOnly</c> mode.
/// </summary>
public sealed class ApolloPersistedQueryTests
{
    [Fact]
    public async Task Automatic_persisted_queries_register_once_then_travel_as_a_hash()
    {
        using var server = new KestrelShopServer();

        var result = await NodeJson.RunAsync("apollo-persisted.mjs", server.GraphQLEndpoint.ToString(), "apq");

        Assert.True((int)result["categories"]! > 0);
        Assert.True((bool)result["sameAnswer"]!);
        Assert.True((bool)result["signedIn"]!);

        // POST: hash alone (not found), hash with the document, then the hash alone again.
        var post = Requests(result, "postRequests");
        Assert.Equal(["POST hash 400", "POST query+hash 200", "POST hash 200"], post.Select(Describe));

        // GET: the same dance, the document itself always by POST; a mutation only ever by POST.
        var get = Requests(result, "getRequests");
        Assert.Equal(["GET hash 400", "POST query+hash 200", "GET hash 200", "POST hash 400", "POST query+hash 200"], get.Select(Describe));
        Assert.Equal(2, (int)result["products"]!);
        Assert.Equal(2, (int)result["productsAgain"]!);
        Assert.Contains("no-store", get[0]["cacheControl"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("public", get[2]["cacheControl"]!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(get[2]["etag"]);
    }

    [Fact]
    public async Task Trusted_only_runs_the_manifest_ids_and_refuses_anything_else()
    {
        var factory = new ShopApiFactory { EnvironmentName = "Production" };
        factory.Settings["GraphQL:PersistedOperations:Mode"] = "TrustedOnly";
        using var server = new KestrelShopServer(factory);

        var result = await NodeJson.RunAsync("apollo-persisted.mjs", server.GraphQLEndpoint.ToString(), "trusted");

        Assert.Equal(3, (int)result["storefront"]!);
        Assert.Equal(["PERSISTED_QUERY_NOT_ALLOWED"], result["refused"]!.AsArray().Select(c => c!.ToString()));
        var requests = Requests(result, "requests");
        Assert.Equal("GET hash 200", Describe(requests[0]));
        Assert.Contains("public", requests[0]["cacheControl"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["GET hash 400", "POST query+hash 400"], requests.Skip(1).Select(Describe));
    }

    private static List<JsonNode> Requests(JsonNode result, string name) => [.. result[name]!.AsArray().Select(r => r!)];

    private static string Describe(JsonNode request) =>
        $"{request["method"]} {((bool)request["sentQuery"]! ? "query+" : string.Empty)}{(request["hash"] is null ? "nohash" : "hash")} {(int)request["status"]!}";
}
