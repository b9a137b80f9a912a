using Graph.Api.Tests.Infrastructure;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Carts;

public sealed class CartTests : IDisposable
{
    private static readonly string AddToCart = Operation("checkout.graphql", "AddToCart");
    private static readonly string UpdateCartItem = Operation("checkout.graphql", "UpdateCartItem");
    private static readonly string RemoveFromCart = Operation("checkout.graphql", "RemoveFromCart");

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Adding_updating_and_removing_keep_the_count_and_subtotal_at_current_prices()
    {
        using var alice = _factory.ClientFor(AliceId);

        var added = await alice.PostAsync(AddToCart, new { productId = ProductId(Novel), quantity = 2 });
        var again = await alice.PostAsync(AddToCart, new { productId = ProductId(Novel), quantity = 1 });
        var second = await alice.PostAsync(AddToCart, new { productId = ProductId(Second), quantity = 1 });
        var updated = await alice.PostAsync(UpdateCartItem, new { productId = ProductId(Novel), quantity = 5 });
        var removed = await alice.PostAsync(RemoveFromCart, new { productId = ProductId(Novel) });

        foreach (var response in new[] { added, again, second, updated, removed })
        {
            response.AssertNoErrors();
        }

        var addedCart = added.Data!["addToCart"]!["cart"]!;
        Assert.Equal(2, addedCart["itemCount"]!.GetValue<int>());
        Assert.Equal(9.98m, addedCart["subtotal"]!.GetValue<decimal>());
        Assert.Equal(9.98m, addedCart["items"]![0]!["lineTotal"]!.GetValue<decimal>());
        Assert.Equal("Classic Novel", addedCart["items"]![0]!["product"]!["name"]!.GetValue<string>());
        Assert.Equal(3, again.Data!["addToCart"]!["cart"]!["itemCount"]!.GetValue<int>());
        Assert.Equal(4, second.Data!["addToCart"]!["cart"]!["itemCount"]!.GetValue<int>());
        var updatedCart = updated.Data!["updateCartItem"]!["cart"]!;
        Assert.Equal(6, updatedCart["itemCount"]!.GetValue<int>());
        Assert.Equal(66.94m, updatedCart["subtotal"]!.GetValue<decimal>()); // 5 × 4.99 + 41.99
        var removedCart = removed.Data!["removeFromCart"]!["cart"]!;
        Assert.Equal(1, removedCart["itemCount"]!.GetValue<int>());
        Assert.Equal(41.99m, removedCart["subtotal"]!.GetValue<decimal>());
        Assert.Equal([(Second, 1)], await _factory.CartAsync(AliceId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public async Task A_quantity_outside_1_to_99_is_a_typed_error_and_changes_nothing(int quantity)
    {
        await _factory.PutInCartAsync(AliceId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);

        var add = await alice.PostAsync(AddToCart, new { productId = ProductId(Second), quantity });
        var update = await alice.PostAsync(UpdateCartItem, new { productId = ProductId(Novel), quantity });

        Assert.Equal(["InvalidQuantityError"], add.Data!["addToCart"].ErrorTypes());
        Assert.Equal(["InvalidQuantityError"], update.Data!["updateCartItem"].ErrorTypes());
        Assert.Null(add.Data["addToCart"]!["cart"]);
        Assert.Equal([(Novel, 1)], await _factory.CartAsync(AliceId));
    }

    [Fact]
    public async Task Adding_past_99_of_one_product_is_refused()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 90);
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.PostAsync(AddToCart, new { productId = ProductId(Novel), quantity = 10 });

        Assert.Equal(["InvalidQuantityError"], response.Data!["addToCart"].ErrorTypes());
        Assert.Equal([(Novel, 90)], await _factory.CartAsync(AliceId));
    }

    [Theory]
    [InlineData("UHJvZHVjdDo5OTk5")] // Product:9999
    [InlineData("Q2F0ZWdvcnk6MQ==")] // Category:1
    [InlineData("garbage")]
    public async Task An_unknown_product_is_a_typed_error(string productId)
    {
        using var alice = _factory.ClientFor(AliceId);

        var add = await alice.PostAsync(AddToCart, new { productId, quantity = 1 });
        var update = await alice.PostAsync(UpdateCartItem, new { productId, quantity = 1 });

        add.AssertNoErrors();
        Assert.Equal(["ProductNotFoundError"], add.Data!["addToCart"].ErrorTypes());
        Assert.Equal(["ProductNotFoundError"], update.Data!["updateCartItem"].ErrorTypes());
        Assert.Empty(await _factory.CartAsync(AliceId));
    }

    [Fact]
    public async Task Updating_a_product_that_is_not_in_the_cart_is_a_typed_error()
    {
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.PostAsync(UpdateCartItem, new { productId = ProductId(Novel), quantity = 2 });

        Assert.Equal(["CartItemNotFoundError"], response.Data!["updateCartItem"].ErrorTypes());
        Assert.Empty(await _factory.CartAsync(AliceId));
    }

    [Fact]
    public async Task Each_user_changes_only_their_own_cart()
    {
        await _factory.PutInCartAsync(BobId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);

        await alice.PostAsync(AddToCart, new { productId = ProductId(Novel), quantity = 3 });
        await alice.PostAsync(RemoveFromCart, new { productId = ProductId(Novel) });

        Assert.Equal([(Novel, 1)], await _factory.CartAsync(BobId));
    }

    [Fact]
    public async Task The_cart_mutations_need_a_signed_in_user()
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.PostAsync(AddToCart, new { productId = ProductId(Novel), quantity = 1 });

        Assert.Equal(["AUTH_NOT_AUTHENTICATED"], response.ErrorCodes);
    }
}
