using Graph.Api.Data;
using Graph.Api.Orders;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Orders;

/// <summary>Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.</summary>
public abstract class CheckoutTests(DatabaseProvider provider) : IDisposable
{
    private readonly ShopApiFactory _factory = new(provider);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Checkout_places_the_order_charges_it_empties_the_cart_and_writes_the_outbox()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        await _factory.PutInCartAsync(AliceId, Second, 1);
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.CheckoutAsync("order-1");

        response.AssertNoErrors();
        var order = response.Data!["checkout"]!["order"]!;
        Assert.Null(response.Data["checkout"]!["errors"]);
        Assert.Equal("PLACED", order["status"]!.GetValue<string>());
        Assert.Equal(51.97m, order["total"]!.GetValue<decimal>()); // 2 × 4.99 + 41.99
        Assert.Equal(order["total"]!.GetValue<decimal>(), order["subtotal"]!.GetValue<decimal>());
        Assert.Equal([(2, 4.99m, 9.98m), (1, 41.99m, 41.99m)], order["lines"]!.AsArray()
            .Select(l => (l!["quantity"]!.GetValue<int>(), l["unitPrice"]!.GetValue<decimal>(), l["lineTotal"]!.GetValue<decimal>())));
        Assert.Equal(1, await _factory.StockAsync(Novel));
        Assert.Equal(15, await _factory.StockAsync(Second));
        Assert.Empty(await _factory.CartAsync(AliceId));
        var charge = Assert.Single(_factory.Payments().Charges);
        Assert.Equal(51.97m, charge.Amount);
        Assert.False(charge.Refunded);

        var outbox = await _factory.OutboxAsync();
        Assert.Equal(
            [nameof(OrderPlaced), nameof(ProductStockChanged), nameof(ProductStockChanged)],
            outbox.Select(m => m.Type));
        Assert.Equal(
            [new ProductStockChanged(Novel, 1, 1), new ProductStockChanged(Second, 15, 1)],
            outbox.Skip(1).Select(m => DomainEvents.Read(m) as ProductStockChanged));
    }

    [Fact]
    public async Task A_declined_payment_keeps_nothing_and_the_key_can_be_used_again()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using var alice = _factory.ClientFor(AliceId);

        var declined = await alice.CheckoutAsync("order-1", PaymentSimulator.ChargeDeclined);

        declined.AssertNoErrors();
        var payload = declined.Data!["checkout"]!;
        Assert.Null(payload["order"]);
        Assert.Equal(["PaymentDeclinedError"], payload.ErrorTypes());
        Assert.Equal("card_declined", payload["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(3, await _factory.StockAsync(Novel));
        Assert.Equal([(Novel, 2)], await _factory.CartAsync(AliceId));
        Assert.Empty(_factory.Payments().Charges);
        Assert.Empty(await _factory.OutboxAsync());
        await using (var db = _factory.Db())
        {
            Assert.Equal(0, await db.Orders.CountAsync());
            Assert.Equal(0, await db.CheckoutAttempts.CountAsync());
        }

        var retried = await alice.CheckoutAsync("order-1");
        Assert.Equal("PLACED", retried.Data!["checkout"]!["order"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_card_token_is_declined_as_invalid()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.CheckoutAsync("order-1", "tok_made_up");

        Assert.Equal("invalid_token", response.Data!["checkout"]!["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(3, await _factory.StockAsync(Novel));
    }

    [Fact]
    public async Task An_empty_cart_cannot_be_checked_out()
    {
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.CheckoutAsync("order-1");

        response.AssertNoErrors();
        Assert.Equal(["EmptyCartError"], response.Data!["checkout"].ErrorTypes());
    }

    [Fact]
    public async Task More_than_the_stock_is_out_of_stock_and_takes_nothing()
    {
        await _factory.PutInCartAsync(AliceId, Second, 1);
        await _factory.PutInCartAsync(AliceId, Novel, 5);
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.CheckoutAsync("order-1");

        var error = Assert.Single(response.Data!["checkout"]!["errors"]!.AsArray())!;
        Assert.Equal("OutOfStockError", error["__typename"]!.GetValue<string>());
        Assert.Equal(ProductId(Novel), error["productId"]!.GetValue<string>());
        Assert.Equal(5, error["requested"]!.GetValue<int>());
        Assert.Equal(3, error["available"]!.GetValue<int>());
        Assert.Equal(16, await _factory.StockAsync(Second)); // the line that fitted was put back too
        Assert.Equal(3, await _factory.StockAsync(Novel));
        Assert.Empty(_factory.Payments().Charges);
    }

    [Fact]
    public async Task The_same_key_returns_the_same_order_and_a_new_cart_under_it_is_refused()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);
        var first = await alice.CheckoutAsync("order-1");

        var replay = await alice.CheckoutAsync("order-1");
        await _factory.PutInCartAsync(AliceId, Second, 1);
        var reused = await alice.CheckoutAsync("order-1");

        Assert.Equal(first.Data!.ToJsonString(), replay.Data!.ToJsonString());
        Assert.Equal(["IdempotencyKeyReusedError"], reused.Data!["checkout"].ErrorTypes());
        Assert.Single(_factory.Payments().Charges);
        Assert.Equal(16, await _factory.StockAsync(Second));
        await using var db = _factory.Db();
        Assert.Equal(1, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task The_same_key_of_another_customer_is_another_order()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 1);
        await _factory.PutInCartAsync(BobId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);
        using var bob = _factory.ClientFor(BobId);

        var a = await alice.CheckoutAsync("order-1");
        var b = await bob.CheckoutAsync("order-1");

        Assert.NotEqual(a.Data!["checkout"]!["order"]!["id"]!.GetValue<string>(), b.Data!["checkout"]!["order"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789-")]
    public async Task An_empty_or_overlong_key_is_a_typed_error(string key)
    {
        await _factory.PutInCartAsync(AliceId, Novel, 1);
        using var alice = _factory.ClientFor(AliceId);

        var response = await alice.CheckoutAsync(key);

        response.AssertNoErrors();
        Assert.Equal(["InvalidIdempotencyKeyError"], response.Data!["checkout"].ErrorTypes());
    }

    [Fact]
    public async Task A_slow_payment_succeeds_and_a_replay_meanwhile_waits_for_it()
    {
        // The charge is held until the replay has been sent: the replay arrives while the first
        // request is between its steps, whatever the machine's speed.
        var gateway = new HeldGateway();
        using var factory = new ShopApiFactory
        {
            TestServices = services => services.AddSingleton<IPaymentGateway>(provider => gateway.Wrapping(provider.GetRequiredService<PaymentSimulator>())),
        };
        await factory.PutInCartAsync(AliceId, Novel, 1);
        using var alice = factory.ClientFor(AliceId);

        var first = alice.CheckoutAsync("order-1");
        await gateway.ChargeStarted.WaitAsync(TimeSpan.FromSeconds(30));
        var replay = alice.CheckoutAsync("order-1");
        Assert.False(replay.IsCompleted);
        gateway.Release();

        Assert.Equal("PLACED", (await first).Data!["checkout"]!["order"]!["status"]!.GetValue<string>());
        Assert.Equal((await first).Data!.ToJsonString(), (await replay).Data!.ToJsonString());
        Assert.Single(factory.Payments().Charges);
    }

    [Fact]
    public async Task Anonymous_checkout_is_not_authenticated()
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.CheckoutAsync("order-1");

        Assert.Equal(["AUTH_NOT_AUTHENTICATED"], response.ErrorCodes);
    }

    /// <summary>A gateway whose charges wait until the test releases them, announcing when the first begins.</summary>
    private sealed class HeldGateway : IPaymentGateway
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IPaymentGateway? _inner;

        public Task ChargeStarted => _started.Task;

        public HeldGateway Wrapping(IPaymentGateway inner)
        {
            _inner = inner;
            return this;
        }

        public void Release() => _released.TrySetResult();

        public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await _released.Task;
            return await _inner!.ChargeAsync(request, cancellationToken);
        }

        public Task RefundAsync(string providerReference, CancellationToken cancellationToken) => _inner!.RefundAsync(providerReference, cancellationToken);

        public Task<string?> FindChargeAsync(string reference, CancellationToken cancellationToken) => _inner!.FindChargeAsync(reference, cancellationToken);
    }

    public sealed class OnSqlite() : CheckoutTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : CheckoutTests(DatabaseProvider.Postgres);
}
