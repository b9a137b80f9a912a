using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.DataLoading;

/// <summary>
/// Relationships resolve through DataLoaders: the number of SQL statements of a request depends on
/// the depth of the document, not on how many objects it returns.
/// </summary>
public sealed class SqlStatementCountTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public async Task Nodes_with_their_categories_and_ratings_take_one_statement_per_level(int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{i}"))).ToArray();

        var statements = await CountAsync(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Product { name averageRating reviewCount category { name } } } }",
            new { ids });

        // products by id (their ratings are counters on the row); then categories by id.
        Assert.Equal(2, statements);
    }

    [Fact]
    public async Task The_storefront_reads_a_page_and_its_total_count_in_one_statement()
    {
        var statements = await CountAsync(
            "query ($first: Int) { categories { name } products(first: $first, where: { inStock: { eq: true } }) { totalCount pageInfo { hasNextPage } nodes { name category { name } } } }",
            new { first = 12 });

        // categories; the page with its count (the categories are already in the loader's cache).
        Assert.Equal(2, statements);
    }

    [Fact]
    public async Task Nodes_of_several_types_take_one_statement_per_type()
    {
        var ids = new[] { "Product:1", "Category:2", "Product:3", "User:3", "Category:1" }
            .Select(id => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(id))).ToArray();

        var statements = await CountAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal(3, statements);
    }

    [Fact]
    public async Task The_same_category_asked_by_many_products_is_fetched_once()
    {
        // Products 1-20 belong to two categories (ten each).
        var ids = Enumerable.Range(1, 20).Select(i => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{i}"))).ToArray();
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();

        var response = await client.PostAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Product { category { name } } } }", new { ids });

        response.AssertNoErrors();
        Assert.Single(_factory.SqlCommands.Commands, c => c.Contains("FROM \"Categories\"", StringComparison.Ordinal));
        var names = response.Data!["nodes"]!.AsArray().Select(n => n!["category"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["Books", "Electronics"], names.Distinct());
        Assert.Equal(10, names.Count(n => n == "Books"));
    }

    [Fact]
    public async Task The_category_list_fills_the_category_loader_so_products_do_not_query_categories_again()
    {
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();

        var response = await client.PostAsync("{ categories { id name } products(first: 12) { nodes { name category { id name } } } }");

        response.AssertNoErrors();
        Assert.Single(_factory.SqlCommands.Commands, c => c.Contains("FROM \"Categories\"", StringComparison.Ordinal));
        var listed = response.Data!["categories"]!.AsArray().ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!["name"]!.GetValue<string>());
        var nodes = response.Data!["products"]!["nodes"]!.AsArray();
        Assert.Equal(12, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(listed[n!["category"]!["id"]!.GetValue<string>()], n!["category"]!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public async Task Paged_children_of_many_parents_take_one_statement_for_all_parents(int first)
    {
        var statements = await CountAsync(
            "query ($first: Int) { categories { name products(first: $first, order: [{ price: DESC }]) { totalCount pageInfo { hasNextPage } nodes { name price } } } }",
            new { first });

        // categories; every category's page in one grouped SELECT; every count in one grouped COUNT.
        Assert.Equal(3, statements);
    }

    [Fact]
    public async Task A_batched_page_is_the_same_page_a_single_parent_gets()
    {
        using var client = _factory.CreateClient();
        const string page = "products(first: 4, order: [{ price: DESC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { name price } }";

        var all = await client.PostAsync($"{{ categories {{ slug {page} }} }}");
        all.AssertNoErrors();
        foreach (var category in all.Data!["categories"]!.AsArray())
        {
            var single = await client.PostAsync($"query ($slug: String!) {{ categoryBySlug(slug: $slug) {{ {page} }} }}", new { slug = category!["slug"]!.GetValue<string>() });
            single.AssertNoErrors();
            Assert.Equal(single.Data!["categoryBySlug"]!["products"]!.ToJsonString(), category["products"]!.ToJsonString());
        }
    }

    private async Task<int> CountAsync(string query, object variables)
    {
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();
        var response = await client.PostAsync(query, variables);
        response.AssertNoErrors();
        return _factory.SqlCommands.Commands.Count;
    }
}
