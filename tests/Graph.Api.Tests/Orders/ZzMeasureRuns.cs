using Graph.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Graph.Api.Tests.Orders;

public sealed class ZzMeasureRuns(ITestOutputHelper output) : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("checkout.graphql", "AddToCart", "alice@shop.test", """{"productId":"UHJvZHVjdDox","quantity":1}""")]
    [InlineData("checkout.graphql", "UpdateCartItem", "alice@shop.test", """{"productId":"UHJvZHVjdDox","quantity":2}""")]
    [InlineData("checkout.graphql", "RemoveFromCart", "alice@shop.test", """{"productId":"UHJvZHVjdDox"}""")]
    [InlineData("checkout.graphql", "Checkout", "alice@shop.test", """{"idempotencyKey":"k","paymentToken":"tok_visa"}""")]
    [InlineData("orders.graphql", "MyOrder", "alice@shop.test", """{"id":"T3JkZXI6MQ=="}""")]
    [InlineData("orders.graphql", "CancelOrder", "alice@shop.test", """{"orderId":"T3JkZXI6MQ=="}""")]
    [InlineData("staff.graphql", "UpdateOrderStatus", "staff@shop.test", """{"orderId":"T3JkZXI6MQ==","status":"PREPARING"}""")]
    [InlineData("staff.graphql", "CreateProduct", "staff@shop.test", """{"input":{"sku":"NEW-1","name":"New","description":"New.","price":9.5,"stock":3,"categoryId":"Q2F0ZWdvcnk6MQ=="}}""")]
    [InlineData("staff.graphql", "RestockProduct", "staff@shop.test", """{"productId":"UHJvZHVjdDox","quantity":5}""")]
    public async Task Measure(string file, string operation, string user, string variables)
    {
        using var client = await _factory.ClientAsAsync(user);
        var document = File.ReadAllText(Path.Combine(RepositoryPaths.Operations, file));
        _factory.SqlCommands.Reset();
        var response = await client.PostAsync(document, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(variables), operation);
        output.WriteLine($"{operation}: {_factory.SqlCommands.Commands.Count} statements; {response.Text}");
        response.AssertNoErrors();
    }
}
