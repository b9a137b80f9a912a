using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Orders;

/// <summary>
/// createProduct, updateProduct, restockProduct: STAFF and ADMIN, validated, stock moves in the
/// outbox. Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.
/// </summary>
public abstract class CatalogAdminTests(DatabaseProvider provider) : IDisposable
{
    private const string Books = "Q2F0ZWdvcnk6MQ=="; // Category:1

    private static readonly string CreateProduct = Operation("staff.graphql", "CreateProduct");
    private static readonly string RestockProduct = Operation("staff.graphql", "RestockProduct");

    private const string UpdateProduct = """
        mutation ($input: UpdateProductInput!) {
          updateProduct(input: $input) {
            product { id sku name slug price description category { id } }
            errors { __typename ... on Error { message } }
          }
        }
        """;

    private readonly ShopApiFactory _factory = new(provider);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Staff_create_a_product_with_a_unique_slug_from_its_name()
    {
        using var staff = _factory.ClientFor(StaffId);

        var first = await staff.PostAsync(CreateProduct, new { input = NewProduct("NEW-1", "Classic Novel") });
        var second = await staff.PostAsync(CreateProduct, new { input = NewProduct("NEW-2", "Classic Novel") });

        first.AssertNoErrors();
        var product = first.Data!["createProduct"]!["product"]!;
        Assert.Equal("classic-novel", product["slug"]!.GetValue<string>());
        Assert.Equal(7, product["stock"]!.GetValue<int>());
        Assert.Equal(Books, product["category"]!["id"]!.GetValue<string>());
        Assert.Equal("classic-novel-2", second.Data!["createProduct"]!["product"]!["slug"]!.GetValue<string>());
        // Each new product enters the lists (ProductChanged) with its stock (ProductStockChanged), in its section.
        Assert.Equal(
            [new ProductChanged(61, 1, null), new ProductStockChanged(61, 7, 1), new ProductChanged(62, 1, null), new ProductStockChanged(62, 7, 1)],
            (await _factory.OutboxAsync()).Select(DomainEvents.Read));
    }

    [Fact]
    public async Task Racing_creates_of_one_sku_make_one_product_and_typed_errors_for_the_rest()
    {
        using var staff = _factory.ClientFor(StaffId);

        // Same SKU and same name: the SKU and the slug are both contested.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            staff.PostAsync(CreateProduct, new { input = NewProduct("RACE-1", "Racing Lamp") })));

        Assert.All(responses, r => r.AssertNoErrors());
        Assert.Single(responses, r => r.Data!["createProduct"]!["product"] is not null);
        Assert.Equal(7, responses.Count(r => r.Data!["createProduct"].ErrorTypes().SequenceEqual(["DuplicateSkuError"])));
    }

    [Theory]
    [InlineData("SKU-0001", "Name", 5.0, 1, Books, "DuplicateSkuError")]
    [InlineData("", "Name", 5.0, 1, Books, "InvalidSkuError")]
    [InlineData("X-1", "  ", 5.0, 1, Books, "InvalidProductNameError")]
    [InlineData("X-1", "Name", 0.0, 1, Books, "InvalidPriceError")]
    [InlineData("X-1", "Name", -3.0, 1, Books, "InvalidPriceError")]
    [InlineData("X-1", "Name", 1.005, 1, Books, "InvalidPriceError")]
    [InlineData("X-1", "Name", 5.0, -1, Books, "InvalidStockError")]
    [InlineData("X-1", "Name", 5.0, 1, "Q2F0ZWdvcnk6OTk=", "CategoryNotFoundError")] // Category:99
    [InlineData("X-1", "Name", 5.0, 1, "UHJvZHVjdDox", "CategoryNotFoundError")] // Product:1
    public async Task Bad_product_input_is_a_typed_error_and_creates_nothing(string sku, string name, double price, int stock, string categoryId, string error)
    {
        using var staff = _factory.ClientFor(StaffId);

        var response = await staff.PostAsync(CreateProduct, new { input = new { sku, name, price = (decimal)price, stock, categoryId } });

        response.AssertNoErrors();
        Assert.Null(response.Data!["createProduct"]!["product"]);
        Assert.Equal([error], response.Data["createProduct"].ErrorTypes());
        await using var db = _factory.Db();
        Assert.Equal(60, db.Products.Count());
        Assert.Empty(await _factory.OutboxAsync());
    }

    [Fact]
    public async Task Restocking_adds_to_the_stock_and_says_so_in_the_outbox()
    {
        await _factory.SetStockAsync(Novel, 0);
        using var staff = _factory.ClientFor(StaffId);

        var response = await staff.PostAsync(RestockProduct, new { productId = ProductId(Novel), quantity = 4 });

        response.AssertNoErrors();
        var product = response.Data!["restockProduct"]!["product"]!;
        Assert.Equal(4, product["stock"]!.GetValue<int>());
        Assert.True(product["inStock"]!.GetValue<bool>());
        Assert.Equal([new ProductStockChanged(Novel, 4, 1)], (await _factory.OutboxAsync()).Select(m => DomainEvents.Read(m) as ProductStockChanged));
    }

    [Theory]
    [InlineData(1, 0, "InvalidQuantityError")]
    [InlineData(1, -5, "InvalidQuantityError")]
    [InlineData(9999, 1, "ProductNotFoundError")]
    public async Task Bad_restock_input_is_a_typed_error(int product, int quantity, string error)
    {
        using var staff = _factory.ClientFor(StaffId);

        var response = await staff.PostAsync(RestockProduct, new { productId = ProductId(product), quantity });

        Assert.Equal([error], response.Data!["restockProduct"].ErrorTypes());
        Assert.Equal(3, await _factory.StockAsync(Novel));
    }

    [Fact]
    public async Task Updating_changes_the_fields_given_and_keeps_the_slug()
    {
        using var staff = _factory.ClientFor(StaffId);

        var response = await staff.PostAsync(UpdateProduct, new { input = new { productId = ProductId(Novel), name = "Classic Novel, 2nd edition", price = 6.5m } });
        var duplicate = await staff.PostAsync(UpdateProduct, new { input = new { productId = ProductId(Novel), sku = "SKU-0002" } });

        response.AssertNoErrors();
        var product = response.Data!["updateProduct"]!["product"]!;
        Assert.Equal("Classic Novel, 2nd edition", product["name"]!.GetValue<string>());
        Assert.Equal(6.5m, product["price"]!.GetValue<decimal>());
        Assert.Equal("classic-novel-1", product["slug"]!.GetValue<string>());
        Assert.Equal("SKU-0001", product["sku"]!.GetValue<string>());
        Assert.Equal(["DuplicateSkuError"], duplicate.Data!["updateProduct"].ErrorTypes());
    }

    [Theory]
    [InlineData(null, "AUTH_NOT_AUTHENTICATED")]
    [InlineData(AliceId, "AUTH_NOT_AUTHORIZED")]
    public async Task Customers_cannot_change_the_catalog(int? user, string code)
    {
        using var client = user is { } id ? _factory.ClientFor(id) : _factory.CreateClient();

        var create = await client.PostAsync(CreateProduct, new { input = NewProduct("NEW-1", "Name") });
        var restock = await client.PostAsync(RestockProduct, new { productId = ProductId(Novel), quantity = 4 });

        Assert.Equal([code], create.ErrorCodes);
        Assert.Equal([code], restock.ErrorCodes);
        Assert.Equal(3, await _factory.StockAsync(Novel));
    }

    private static object NewProduct(string sku, string name) => new { sku, name, description = "New.", price = 12.5m, stock = 7, categoryId = Books };

    public sealed class OnSqlite() : CatalogAdminTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : CatalogAdminTests(DatabaseProvider.Postgres);
}
