using Graph.Api.Data;
using Graph.Api.Orders;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Orders;

/// <summary>What a crash between the steps leaves behind is finished by recovery (in-process; the real crash is <see cref="CrashRecoveryTests"/>).</summary>
/// <summary>Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.</summary>
public abstract class RecoveryTests(DatabaseProvider provider) : IDisposable
{
    private readonly ShopApiFactory _factory = new(provider);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_reservation_left_between_charge_and_confirm_is_released_and_its_charge_refunded()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using (var scope = _factory.Services.CreateScope())
        {
            // Transaction 1 and the charge, then "the crash": no confirm.
            var reserved = Assert.IsType<Reservation.Reserved>(await scope.ServiceProvider.GetRequiredService<CheckoutSteps>().ReserveAsync(AliceId, "k", default));
            await _factory.Payments().ChargeAsync(new ChargeRequest(reserved.Attempt.PaymentReference, reserved.Attempt.Amount, PaymentSimulator.Visa), default);
        }

        Assert.Equal(1, await _factory.StockAsync(Novel));

        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CheckoutRecovery>().RecoverAsync(everyUnfinished: true, default);
        }

        Assert.Equal(3, await _factory.StockAsync(Novel));
        Assert.True(Assert.Single(_factory.Payments().Charges).Refunded);
        Assert.Equal([(Novel, 2)], await _factory.CartAsync(AliceId));
        await using var db = _factory.Db();
        Assert.Equal(0, await db.CheckoutAttempts.CountAsync());
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Empty(await _factory.OutboxAsync());
    }

    [Fact]
    public async Task Releasing_twice_returns_the_stock_once()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using var scope = _factory.Services.CreateScope();
        var steps = scope.ServiceProvider.GetRequiredService<CheckoutSteps>();
        var reserved = Assert.IsType<Reservation.Reserved>(await steps.ReserveAsync(AliceId, "k", default));

        await steps.ReleaseAsync(reserved.Attempt.Id, default);
        await steps.ReleaseAsync(reserved.Attempt.Id, default);

        Assert.Equal(3, await _factory.StockAsync(Novel));
    }

    [Fact]
    public async Task A_live_reservation_is_left_alone_until_its_lease_runs_out()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CheckoutSteps>().ReserveAsync(AliceId, "k", default);

        await scope.ServiceProvider.GetRequiredService<CheckoutRecovery>().RecoverAsync(everyUnfinished: false, default);

        Assert.Equal(1, await _factory.StockAsync(Novel));
    }

    [Fact]
    public async Task A_reservation_whose_lease_ran_out_is_released_by_the_sweep()
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CheckoutSteps>().ReserveAsync(AliceId, "k", default);
        await using (var db = _factory.Db())
        {
            // The instance that reserved died long ago.
            await db.CheckoutAttempts.ExecuteUpdateAsync(s => s.SetProperty(a => a.LeaseExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        await scope.ServiceProvider.GetRequiredService<CheckoutRecovery>().RecoverAsync(everyUnfinished: false, default);

        Assert.Equal(3, await _factory.StockAsync(Novel));
        await using var check = _factory.Db();
        Assert.Equal(0, await check.CheckoutAttempts.CountAsync());
    }

    [Fact]
    public async Task A_cancelled_order_whose_refund_was_not_recorded_is_refunded()
    {
        var orderId = await _factory.PlaceOrderAsync(AliceId, Novel, 1);
        await using (var db = _factory.Db())
        {
            // A cancellation committed, then the crash before the refund.
            await db.Orders.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled));
        }

        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CheckoutRecovery>().RecoverAsync(everyUnfinished: true, default);
        }

        Assert.True(Assert.Single(_factory.Payments().Charges).Refunded);
        await using var check = _factory.Db();
        Assert.Equal(PaymentStatus.Refunded, (await check.Payments.SingleAsync()).Status);
        Assert.NotNull(orderId);
    }

    public sealed class OnSqlite() : RecoveryTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : RecoveryTests(DatabaseProvider.Postgres);
}
