using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Orders;

/// <summary>An order is its customer's and staff's: everyone else gets null and the right error code.</summary>
/// <summary>Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.</summary>
public abstract class OrderAuthorizationTests(DatabaseProvider provider) : IDisposable
{
    private const string Allowed = "allowed";
    private const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";

    private readonly ShopApiFactory _factory = new(provider);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(AliceId, Allowed)] // the customer
    [InlineData(BobId, NotAuthorized)]
    [InlineData(StaffId, Allowed)]
    [InlineData(AdminId, Allowed)]
    public async Task An_order_through_node_is_for_its_customer_staff_and_admin(int? user, string expected)
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        using var client = user is { } id ? _factory.ClientFor(id) : _factory.CreateClient();

        var response = await client.PostAsync(Operation("orders.graphql", "MyOrder"), new { id = orderId });

        if (expected == Allowed)
        {
            response.AssertNoErrors();
            Assert.Equal("PLACED", response.Data!["node"]!["status"]!.GetValue<string>());
        }
        else
        {
            Assert.Null(response.Data!["node"]);
            Assert.Equal([expected], response.ErrorCodes);
            Assert.Equal(["node"], response.Errors![0]!["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(BobId, NotAuthorized)]
    public async Task Nobody_but_the_customer_and_staff_can_cancel_an_order(int? user, string expected)
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        using var client = user is { } id ? _factory.ClientFor(id) : _factory.CreateClient();

        var response = await client.PostAsync(Operation("orders.graphql", "CancelOrder"), new { orderId });

        Assert.Equal([expected], response.ErrorCodes);
        await using var db = _factory.Db();
        Assert.Equal(Graph.Api.Orders.OrderStatus.Placed, (await db.Orders.SingleAsync()).Status);
        Assert.Equal(2, await _factory.StockAsync(Novel));
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(AliceId, NotAuthorized)]
    public async Task Only_staff_and_admin_update_an_order_status(int? user, string expected)
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        using var client = user is { } id ? _factory.ClientFor(id) : _factory.CreateClient();

        var response = await client.PostAsync(Operation("staff.graphql", "UpdateOrderStatus"), new { orderId, status = "PREPARING" });

        Assert.Equal([expected], response.ErrorCodes);
        await using var db = _factory.Db();
        Assert.Equal(Graph.Api.Orders.OrderStatus.Placed, (await db.Orders.SingleAsync()).Status);
    }

    [Theory]
    [InlineData(AliceId, Allowed)]
    [InlineData(BobId, NotAuthorized)]
    [InlineData(StaffId, NotAuthorized)] // the cart is the user's alone
    public async Task A_cart_is_readable_by_its_user_alone(int user, string expected)
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using var client = _factory.ClientFor(user);

        var response = await client.PostAsync("query ($id: ID!) { node(id: $id) { ... on User { displayName cart { itemCount } } } }", new { id = "VXNlcjoz" });

        Assert.Equal("Alice", response.Data!["node"]!["displayName"]!.GetValue<string>());
        if (expected == Allowed)
        {
            response.AssertNoErrors();
            Assert.Equal(2, response.Data["node"]!["cart"]!["itemCount"]!.GetValue<int>());
        }
        else
        {
            Assert.Null(response.Data["node"]!["cart"]);
            Assert.Equal([expected], response.ErrorCodes);
        }
    }

    public sealed class OnSqlite() : OrderAuthorizationTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : OrderAuthorizationTests(DatabaseProvider.Postgres);
}
