using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Catalog;

/// <summary>
/// The shop's connections run queries compiled once per shape: two requests that differ only in their
/// values (filter operand, page size, category) send the same SQL text with other parameters, and
/// each gets its own rows.
/// </summary>
public sealed class CompiledConnectionSqlTests : IDisposable
{
    private const string Products = "query ($first: Int, $max: Decimal) { products(first: $first, where: { price: { lte: $max } }) { totalCount nodes { name price } } }";
    private const string CategoryProducts = "query ($slug: String!) { categoryBySlug(slug: $slug) { products(first: 3) { nodes { name category { slug } } } } }";
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Two_price_limits_and_page_sizes_send_the_same_products_sql()
    {
        using var client = _factory.CreateClient();

        var (cheap, cheapSql) = await ReadAsync(client, Products, new { first = 3, max = 20m });
        var (any, anySql) = await ReadAsync(client, Products, new { first = 7, max = 5000m });

        var cheapNodes = cheap["products"]!["nodes"]!.AsArray();
        Assert.Equal(3, cheapNodes.Count);
        Assert.All(cheapNodes, node => Assert.True(node!["price"]!.GetValue<decimal>() <= 20m));
        Assert.Equal(7, any["products"]!["nodes"]!.AsArray().Count);
        Assert.True(any["products"]!["totalCount"]!.GetValue<int>() > cheap["products"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(cheapSql, anySql);
    }

    [Fact]
    public async Task Two_categories_send_the_same_grouped_products_sql()
    {
        using var client = _factory.CreateClient();

        var (books, booksSql) = await ReadAsync(client, CategoryProducts, new { slug = "books" });
        var (electronics, electronicsSql) = await ReadAsync(client, CategoryProducts, new { slug = "electronics" });

        Assert.All(books["categoryBySlug"]!["products"]!["nodes"]!.AsArray(), node => Assert.Equal("books", node!["category"]!["slug"]!.GetValue<string>()));
        Assert.All(electronics["categoryBySlug"]!["products"]!["nodes"]!.AsArray(), node => Assert.Equal("electronics", node!["category"]!["slug"]!.GetValue<string>()));
        Assert.Equal(3, books["categoryBySlug"]!["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal(booksSql, electronicsSql);
    }

    [Theory]
    [InlineData("query { products(first: 8) { nodes { ...Shown } } } fragment Shown on Product { Fields }", "products")]
    [InlineData("query { categoryBySlug(slug: \"books\") { products(first: 8) { nodes { ...Shown } } } } fragment Shown on Product { Fields }", "categoryBySlug")]
    public async Task A_page_of_products_reads_only_the_columns_its_fields_show_and_answers_as_whole_rows_do(string page, string root)
    {
        const string Fields = "id name slug price inStock averageRating reviewCount category { slug }";
        using var client = _factory.CreateClient();

        var (data, sql) = await ReadAsync(client, page.Replace("Fields", Fields, StringComparison.Ordinal), new { });

        var select = Assert.Single(sql);
        foreach (var column in new[] { "Id", "Name", "Slug", "Price", "Stock", "ReviewCount", "RatingTotal", "CategoryId" })
        {
            Assert.Contains($"\"{column}\"", select, StringComparison.Ordinal);
        }

        foreach (var column in new[] { "Description", "Sku", "CreatedAt", "RowVersion" })
        {
            Assert.DoesNotContain($"\"{column}\"", select, StringComparison.Ordinal);
        }

        // Each product as productBySlug reads it, whole.
        var nodes = (root == "products" ? data["products"] : data["categoryBySlug"]!["products"])!["nodes"]!.AsArray();
        Assert.Equal(8, nodes.Count);
        foreach (var node in nodes)
        {
            var whole = await client.PostAsync($"query($slug: String!) {{ productBySlug(slug: $slug) {{ {Fields} }} }}", new { slug = node!["slug"]!.GetValue<string>() });
            whole.AssertNoErrors();
            Assert.Equal(whole.Data!["productBySlug"]!.ToJsonString(), node.ToJsonString());
        }
    }

    // The response's data and the SQL of its statements on the products table.
    private async Task<(System.Text.Json.Nodes.JsonNode data, List<string> sql)> ReadAsync(HttpClient client, string query, object variables)
    {
        _factory.SqlCommands.Reset();
        var response = await client.PostAsync(query, variables);
        response.AssertNoErrors();
        var sql = _factory.SqlCommands.Commands.Where(c => c.Contains("FROM \"Products\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sql);
        return (response.Data!, sql);
    }
}
