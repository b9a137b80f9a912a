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
    public async Task A_bad_id_among_nodes_is_null_with_its_own_error_and_the_others_resolve()
    {
        var response = await _client.PostAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
            new { ids = new[] { "garbage", Product1, "Tm9wZTox", Category1 } });

        var nodes = response.Data!["nodes"]!.AsArray();
        Assert.Null(nodes[0]);
        Assert.Equal(Product1, nodes[1]!["id"]!.GetValue<string>());
        Assert.Null(nodes[2]);
        Assert.Equal(Category1, nodes[3]!["id"]!.GetValue<string>());
        Assert.Equal(["INVALID_ID", "INVALID_ID"], response.ErrorCodes);
        Assert.Equal(["nodes/0", "nodes/2"], response.Errors!.Select(e => string.Join('/', e!["path"]!.AsArray().Select(p => p!.ToString()))));
        Assert.All(response.Errors!, e => Assert.Single(e!["locations"]!.AsArray()));
        Assert.Contains("'garbage'", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_bad_ids_among_nodes_still_answer_the_list()
    {
        var response = await _client.PostAsync("{ nodes(ids: [\"garbage\"]) { id } categories { name } }");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Equal([null], response.Data!["nodes"]!.AsArray());
        Assert.Equal(["INVALID_ID"], response.ErrorCodes);
        Assert.NotEmpty(response.Data!["categories"]!.AsArray());
    }

    [Fact]
    public async Task A_node_the_user_may_not_see_among_nodes_is_null_with_its_own_error()
    {
        using var alice = await _factory.ClientAsAsync(DemoAccounts.Alice);
        (await alice.PostAsync("mutation { addToCart(input: { productId: \"UHJvZHVjdDoy\", quantity: 1 }) { errors { __typename } } }")).AssertNoErrors();
        var checkout = await alice.PostAsync("mutation { checkout(input: { idempotencyKey: \"nodes\", paymentToken: \"tok_visa\" }) { order { id } errors { __typename } } }");
        var orderId = checkout.Data!["checkout"]!["order"]!["id"]!.GetValue<string>();
        using var bob = await _factory.ClientAsAsync(DemoAccounts.Bob);

        var response = await bob.PostAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { number } } }",
            new { ids = new[] { Product1, orderId } });
        var own = await alice.PostAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { number } } }",
            new { ids = new[] { Product1, orderId } });

        Assert.Equal(Product1, response.Data!["nodes"]![0]!["id"]!.GetValue<string>());
        Assert.Null(response.Data!["nodes"]![1]);
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("AUTH_NOT_AUTHORIZED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("nodes/1", string.Join('/', error["path"]!.AsArray().Select(p => p!.ToString())));
        own.AssertNoErrors();
        Assert.Equal(orderId, own.Data!["nodes"]![1]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nodes_refuses_more_than_fifty_ids()
    {
        var ids = Enumerable.Repeat(Product1, 51).ToArray();

        var response = await _client.PostAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal(["NODES_TOO_MANY"], response.ErrorCodes);
    }
}
