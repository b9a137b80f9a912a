using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Errors;

/// <summary>
/// An error inside a list belongs to its item: one error per failing item, each with that item's own path
/// and the one location of the field in the document, however the field is reached (nested lists, named
/// fragments, inline fragments, edges). <c>stock</c> is STAFF and ADMIN only.
/// </summary>
public sealed class ListErrorPathTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Each_item_of_a_list_has_its_own_error_path_and_one_location()
    {
        using var client = _factory.CreateClient();

        const string Query = "{ products(first: 3) { nodes { stock } } }";
        var response = await client.PostAsync(Query);

        Assert.Equal(
            [["products", "nodes", 0, "stock"], ["products", "nodes", 1, "stock"], ["products", "nodes", 2, "stock"]],
            Paths(response));
        Assert.All(response.Errors!, e => Assert.Equal("AUTH_NOT_AUTHENTICATED", e!["extensions"]!["code"]!.GetValue<string>()));
        AssertOneLocationEach(response, Query);
        Assert.All(response.Data!["products"]!["nodes"]!.AsArray(), n => Assert.Null(n!["stock"]));
    }

    [Fact]
    public async Task Errors_in_nested_lists_carry_both_indexes()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Alice);

        const string Query = "{ categories { name products(first: 2) { nodes { name stock } } } }";
        var response = await client.PostAsync(Query);

        var categories = response.Data!["categories"]!.AsArray();
        var expected = new List<object[]>();
        for (var c = 0; c < categories.Count; c++)
        {
            var nodes = categories[c]!["products"]!["nodes"]!.AsArray();
            for (var n = 0; n < nodes.Count; n++)
            {
                expected.Add(["categories", c, "products", "nodes", n, "stock"]);
                Assert.NotNull(nodes[n]!["name"]); // the rest of each item arrives
            }
        }

        Assert.True(expected.Count > 2, "the demo catalog has several categories with products");
        Assert.Equal(expected, Paths(response));
        Assert.All(response.Errors!, e => Assert.Equal("AUTH_NOT_AUTHORIZED", e!["extensions"]!["code"]!.GetValue<string>()));
        AssertOneLocationEach(response, Query);
    }

    [Fact]
    public async Task Errors_reached_through_a_named_fragment_are_located_in_the_fragment()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Alice);

        const string Query = """
            { products(first: 2) { nodes { ...Shelf } } }
            fragment Shelf on Product { name stock }
            """;
        var response = await client.PostAsync(Query);

        Assert.Equal([["products", "nodes", 0, "stock"], ["products", "nodes", 1, "stock"]], Paths(response));
        AssertOneLocationEach(response, Query);
    }

    [Fact]
    public async Task Errors_reached_through_an_inline_fragment_and_edges_have_their_own_paths()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Bob);

        const string Query = "{ products(first: 2) { edges { node { ... on Product { stock } } } } }";
        var response = await client.PostAsync(Query);

        Assert.Equal([["products", "edges", 0, "node", "stock"], ["products", "edges", 1, "node", "stock"]], Paths(response));
        AssertOneLocationEach(response, Query);
    }

    [Fact]
    public async Task Errors_through_fragments_nested_in_lists_of_lists()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Alice);

        const string Query = """
            query { categories { ...Section } }
            fragment Section on Category { products(first: 1) { nodes { ... on Product { ...Count } } } }
            fragment Count on Product { stock }
            """;
        var response = await client.PostAsync(Query);

        var count = response.Data!["categories"]!.AsArray().Count;
        Assert.Equal(Enumerable.Range(0, count).Select(c => new object[] { "categories", c, "products", "nodes", 0, "stock" }), Paths(response));
        AssertOneLocationEach(response, Query);
    }

    [Fact]
    public async Task The_same_field_allowed_to_staff_has_no_error()
    {
        using var client = await _factory.ClientAsAsync(DemoAccounts.Staff);

        var response = await client.PostAsync("{ categories { products(first: 2) { nodes { stock } } } }");

        response.AssertNoErrors();
    }

    private static List<object[]> Paths(GraphQLResponse response) =>
        response.Errors?.Select(e => e!["path"]!.AsArray().Select(Segment).ToArray()).ToList() ?? [];

    private static object Segment(JsonNode? segment) =>
        segment!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? segment.GetValue<int>() : segment.GetValue<string>();

    /// <summary>Every error has one location: the <c>stock</c> field where the document writes it (once).</summary>
    private static void AssertOneLocationEach(GraphQLResponse response, string query)
    {
        var lines = query.ReplaceLineEndings("\n").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("stock", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf("stock", StringComparison.Ordinal) + 1;
        Assert.NotEmpty(response.Errors!);
        Assert.All(response.Errors!, e =>
        {
            var location = Assert.Single(e!["locations"]!.AsArray())!;
            Assert.Equal(line, location["line"]!.GetValue<int>());
            Assert.Equal(column, location["column"]!.GetValue<int>());
        });
    }
}
