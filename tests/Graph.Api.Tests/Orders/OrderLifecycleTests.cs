using Graph.Api.Orders;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Orders;

public sealed class OrderLifecycleTests : IDisposable
{
    private static readonly string UpdateOrderStatus = Operation("staff.graphql", "UpdateOrderStatus");
    private static readonly string CancelOrder = Operation("orders.graphql", "CancelOrder");
    private static readonly string MyOrder = Operation("orders.graphql", "MyOrder");

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Staff_move_an_order_to_delivered_and_each_move_is_in_the_history_and_the_outbox()
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        using var staff = _factory.ClientFor(StaffId);
        using var alice = _factory.ClientFor(AliceId);

        foreach (var status in new[] { "PREPARING", "SHIPPED", "DELIVERED" })
        {
            var moved = await staff.PostAsync(UpdateOrderStatus, new { orderId, status });
            moved.AssertNoErrors();
            Assert.Equal(status, moved.Data!["updateOrderStatus"]!["order"]!["status"]!.GetValue<string>());
        }

        var order = (await alice.PostAsync(MyOrder, new { id = orderId })).Data!["node"]!;
        Assert.Equal("DELIVERED", order["status"]!.GetValue<string>());
        Assert.Equal(
            [(null, "PLACED"), ("PLACED", "PREPARING"), ("PREPARING", "SHIPPED"), ("SHIPPED", "DELIVERED")],
            order["statusHistory"]!.AsArray().Select(c => (c!["from"]?.GetValue<string>(), c["to"]!.GetValue<string>())));
        var moves = (await _factory.OutboxAsync()).Where(m => m.Type == nameof(OrderStatusChanged)).Select(m => DomainEvents.Read(m)).ToList();
        Assert.Equal(
            [new OrderStatusChanged(1, OrderStatus.Placed, OrderStatus.Preparing), new OrderStatusChanged(1, OrderStatus.Preparing, OrderStatus.Shipped), new OrderStatusChanged(1, OrderStatus.Shipped, OrderStatus.Delivered)],
            moves.Cast<OrderStatusChanged>());
    }

    [Theory]
    [InlineData(new string[0], "SHIPPED")]
    [InlineData(new string[0], "DELIVERED")]
    [InlineData(new string[0], "PLACED")]
    [InlineData(new[] { "PREPARING" }, "PLACED")]
    [InlineData(new[] { "PREPARING", "SHIPPED" }, "CANCELLED")]
    [InlineData(new[] { "PREPARING", "SHIPPED", "DELIVERED" }, "SHIPPED")]
    public async Task A_move_the_lifecycle_does_not_allow_is_an_invalid_transition(string[] before, string to)
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        using var staff = _factory.ClientFor(StaffId);
        foreach (var status in before)
        {
            (await staff.PostAsync(UpdateOrderStatus, new { orderId, status })).AssertNoErrors();
        }

        var response = await staff.PostAsync(UpdateOrderStatus, new { orderId, status = to });

        response.AssertNoErrors();
        var payload = response.Data!["updateOrderStatus"]!;
        Assert.Null(payload["order"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("InvalidStatusTransitionError", error["__typename"]!.GetValue<string>());
        Assert.Equal(before.LastOrDefault() ?? "PLACED", error["from"]!.GetValue<string>());
        Assert.Equal(to, error["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_customer_cancels_a_placed_order_which_refunds_it_and_returns_the_stock()
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 2);
        using var alice = _factory.ClientFor(AliceId);
        Assert.Equal(1, await _factory.StockAsync(Novel));

        var response = await alice.PostAsync(CancelOrder, new { orderId });

        response.AssertNoErrors();
        Assert.Equal("CANCELLED", response.Data!["cancelOrder"]!["order"]!["status"]!.GetValue<string>());
        Assert.Equal(3, await _factory.StockAsync(Novel));
        Assert.True(Assert.Single(_factory.Payments().Charges).Refunded);
        var payment = (await alice.PostAsync("query ($id: ID!) { node(id: $id) { ... on Order { payment { amount status } } } }", new { id = orderId })).Data!["node"]!["payment"]!;
        Assert.Equal("REFUNDED", payment["status"]!.GetValue<string>());
        Assert.Equal(9.98m, payment["amount"]!.GetValue<decimal>());
        var events = (await _factory.OutboxAsync()).Skip(2).Select(m => DomainEvents.Read(m)).ToList(); // after OrderPlaced, ProductStockChanged
        Assert.Equal([new OrderStatusChanged(1, OrderStatus.Placed, OrderStatus.Cancelled), new ProductStockChanged(Novel, 3, 1)], events);
    }

    [Fact]
    public async Task A_customer_cannot_cancel_once_preparing_but_staff_can_and_nobody_twice()
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);
        using var staff = _factory.ClientFor(StaffId);
        (await staff.PostAsync(UpdateOrderStatus, new { orderId, status = "PREPARING" })).AssertNoErrors();

        var byCustomer = await alice.PostAsync(CancelOrder, new { orderId });
        var byStaff = await staff.PostAsync(CancelOrder, new { orderId });
        var again = await staff.PostAsync(CancelOrder, new { orderId });

        Assert.Equal(["InvalidStatusTransitionError"], byCustomer.Data!["cancelOrder"].ErrorTypes());
        Assert.Equal("CANCELLED", byStaff.Data!["cancelOrder"]!["order"]!["status"]!.GetValue<string>());
        Assert.Equal(["InvalidStatusTransitionError"], again.Data!["cancelOrder"].ErrorTypes());
        Assert.Equal(3, await _factory.StockAsync(Novel)); // returned once
    }

    [Theory]
    [InlineData("T3JkZXI6OTk5")] // Order:999
    [InlineData("UHJvZHVjdDox")] // Product:1
    [InlineData("not-an-id")]
    public async Task An_unknown_order_is_a_typed_error(string orderId)
    {
        using var staff = _factory.ClientFor(StaffId);

        var response = await staff.PostAsync(UpdateOrderStatus, new { orderId, status = "SHIPPED" });

        response.AssertNoErrors();
        Assert.Equal(["OrderNotFoundError"], response.Data!["updateOrderStatus"].ErrorTypes());
    }

    [Fact]
    public async Task The_customer_reads_their_order_with_the_frontend_document()
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Second, 2);
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.PostAsync(MyOrder, new { id = orderId });

        response.AssertNoErrors();
        var order = response.Data!["node"]!;
        Assert.Equal(orderId, order["id"]!.GetValue<string>());
        Assert.Equal(83.98m, order["total"]!.GetValue<decimal>());
        var line = Assert.Single(order["lines"]!.AsArray())!;
        Assert.Equal(ProductId(Second), line["product"]!["id"]!.GetValue<string>());
    }
}
