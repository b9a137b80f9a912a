using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Catalog;

public sealed class NodeTests : IDisposable
{
    private const string Product1 = "UHJvZHVjdDox"; // Product:1
    private const string Category1 = "Q2F0ZWdvcnk6MQ=="; // Category:1

    private readonly ShopApiFactory _factory = new();
    private readonly HttpClient _client;

    public NodeTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Node_refetches_a_product_by_its_global_id()
    {
        var response = await _client.PostAsync("query ($id: ID!) { node(id: $id) { __typename id ... on Product { name } } }", new { id = Product1 });

        response.AssertNoErrors();
        Assert.Equal("Product", response.Data?["node"]?["__typename"]?.GetValue<string>());
        Assert.Equal(Product1, response.Data?["node"]?["id"]?.GetValue<string>());
        Assert.Equal("Classic Novel", response.Data?["node"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Nodes_returns_objects_of_several_types_in_the_order_asked()
    {
        var response = await _client.PostAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            new { ids = new[] { Category1, Product1 } });

        response.AssertNoErrors();
        var nodes = response.Data!["nodes"]!.AsArray();
        Assert.Equal(["Category", "Product"], nodes.Select(n => n!["__typename"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_id_of_a_known_type_with_no_object_is_null()
    {
        var missing = Convert.ToBase64String("Product:999999"u8.ToArray());

        var response = await _client.PostAsync("query ($id: ID!) { node(id: $id) { id } }", new { id = missing });

        response.AssertNoErrors();
        Assert.Null(response.Data?["node"]);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("Tm9wZTox")] // Nope:1, an unknown type
    [InlineData("UHJvZHVjdA==")] // Product, no key
    [InlineData("")]
    public async Task A_garbage_id_is_a_clear_error_not_a_crash(string id)
    {
        var response = await _client.PostAsync("query ($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Null(response.Data?["node"]);
        Assert.Equal(["INVALID_ID"], response.ErrorCodes);
        Assert.Equal(["node"], response.Errors![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Product_key_of_the_wrong_form_is_null()
    {
        var wrongKey = Convert.ToBase64String("Product:abc"u8.ToArray());

        var response = await _client.PostAsync("query ($id: ID!) { node(id: $id) { id } }", new { id = wrongKey });

        response.AssertNoErrors();
        Assert.Null(response.Data?["node"]);
    }

    [Fact]
    public async Task Nodes_refuses_more_than_fifty_ids()
    {
        var ids = Enumerable.Repeat(Product1, 51).ToArray();

        var response = await _client.PostAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal(["NODES_TOO_MANY"], response.ErrorCodes);
    }
}
