using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Hygiene;

/// <summary>
/// A Decimal input larger than a money column holds (filters, prices; literal or variable) is an
/// <c>INVALID_VALUE</c> error naming where the value is, refused before execution: never an
/// <c>INTERNAL_SERVER_ERROR</c>, never an error log.
/// </summary>
public sealed class DecimalInputTests : IDisposable
{
    private const string Huge = "10000000000000000000000000";
    private const string Books = "Q2F0ZWdvcnk6MQ=="; // Category:1

    private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("{ products(where: { price: { gt: " + Huge + " } }) { nodes { name } } }", "where.price.gt")]
    [InlineData("{ products(where: { price: { lte: -" + Huge + " } }) { nodes { name } } }", "where.price.lte")]
    [InlineData("{ products(where: { price: { eq: 12345678901.5 } }) { nodes { name } } }", "where.price.eq")]
    [InlineData("{ products(where: { price: { in: [1, " + Huge + "] } }) { nodes { name } } }", "where.price.in[1]")]
    [InlineData("{ products(where: { or: [{ name: { eq: \"x\" } }, { price: { nin: " + Huge + " } }] }) { nodes { name } } }", "where.or[1].price.nin")]
    [InlineData("{ categoryBySlug(slug: \"books\") { products(where: { price: { gte: " + Huge + " } }) { nodes { name } } } }", "where.price.gte")]
    [InlineData("query($max: Decimal = " + Huge + ") { products(where: { price: { lt: $max } }) { nodes { name } } }", "$max")]
    public async Task An_out_of_range_literal_is_invalid_value_with_its_path(string query, string path)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(query);

        AssertInvalidValue(response, path);
        Assert.Equal(path, response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_out_of_range_order_total_filter_is_invalid_value()
    {
        using var staff = _factory.ClientFor(StaffId);

        var response = await staff.PostAsync("{ orders(where: { total: { gt: " + Huge + " } }) { nodes { id } } }");

        AssertInvalidValue(response, "where.total.gt");
    }

    [Fact]
    public async Task An_out_of_range_variable_is_invalid_value_naming_the_variable_path()
    {
        using var client = _factory.CreateClient();

        var whole = await client.PostAsync(
            "query($w: ProductFilterInput) { products(where: $w) { nodes { name } } }",
            new { w = new { price = new { gt = decimal.MaxValue } } });
        var single = await client.PostAsync(
            "query($p: Decimal) { products(where: { price: { gt: $p } }) { nodes { name } } }",
            new { p = 1e30 });
        var list = await client.PostAsync(
            "query($p: [Decimal!]) { products(where: { price: { in: $p } }) { nodes { name } } }",
            new { p = new[] { 1m, -decimal.MaxValue } });

        AssertInvalidValue(whole, "$w.price.gt");
        AssertInvalidValue(single, "$p");
        AssertInvalidValue(list, "$p[1]");
    }

    [Fact]
    public async Task An_out_of_range_price_in_a_mutation_is_invalid_value_and_changes_nothing()
    {
        using var staff = _factory.ClientFor(StaffId);

        var created = await staff.PostAsync(
            "mutation { createProduct(input: { sku: \"BIG-1\", name: \"Big\", price: " + Huge + ", stock: 1, categoryId: \"" + Books + "\" }) { product { id } } }");
        var createdByVariable = await staff.PostAsync(
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } } }",
            new { input = new { sku = "BIG-2", name = "Big", price = decimal.MaxValue, stock = 1, categoryId = Books } });
        var updated = await staff.PostAsync(
            "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { price } } }",
            new { input = new { productId = ProductId(Novel), price = -decimal.MaxValue } });

        AssertInvalidValue(created, "input.price");
        AssertInvalidValue(createdByVariable, "$input.price");
        AssertInvalidValue(updated, "$input.price");
        using var db = _factory.Db();
        Assert.Equal(4.99m, db.Products.Single(p => p.Id == Novel).Price);
        Assert.DoesNotContain(db.Products, p => p.Sku.StartsWith("BIG-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_largest_accepted_value_filters_as_usual()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("{ products(first: 1, where: { price: { lt: 9999999999.99, gt: -9999999999.99 } }) { nodes { name } } }");

        response.AssertNoErrors();
        Assert.Single(response.Data!["products"]!["nodes"]!.AsArray());
    }

    private void AssertInvalidValue(GraphQLResponse response, string path)
    {
        Assert.False(response.HasData && response.Data is not null, response.Text);
        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("INVALID_VALUE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains($"'{path}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_factory.Logs.AtLeast(LogLevel.Error));
    }
}
