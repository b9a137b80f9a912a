using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Orders;

/// <summary>
/// Finishes what a crash (or a failed compensation) left between the steps of a checkout or a
/// cancellation: reservations without an order are put back and any charge made for them refunded;
/// cancelled orders whose payment is still captured are refunded.
/// </summary>
public sealed partial class CheckoutRecovery(
    IDbContextFactory<ShopDbContext> factory,
    CheckoutSteps steps,
    OrderLifecycle lifecycle,
    IPaymentGateway gateway,
    TimeProvider time,
    ILogger<CheckoutRecovery> logger)
{
    // everyUnfinished: release every reservation without an order, not only those whose lease ran
    // out. Right for SQLite at start-up, where this process alone uses the file and nothing runs yet.
    public async Task RecoverAsync(bool everyUnfinished, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var abandoned = await db.CheckoutAttempts.AsNoTracking()
            .Where(a => a.OrderId == null && (everyUnfinished || a.LeaseExpiresAt < now))
            .ToListAsync(cancellationToken);
        foreach (var attempt in abandoned)
        {
            if (await gateway.FindChargeAsync(attempt.PaymentReference, cancellationToken) is { } charge)
            {
                await gateway.RefundAsync(charge, cancellationToken);
            }

            await steps.ReleaseAsync(attempt.Id, cancellationToken);
        }

        var unrefunded = await db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Captured && db.Orders.Any(o => o.Id == p.OrderId && o.Status == OrderStatus.Cancelled))
            .ToListAsync(cancellationToken);
        foreach (var payment in unrefunded)
        {
            await lifecycle.RefundAsync(payment, cancellationToken);
        }

        if (abandoned.Count + unrefunded.Count > 0)
        {
            LogRecovered(logger, abandoned.Count, unrefunded.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {Reservations} abandoned checkout reservation(s) and {Refunds} unrefunded cancellation(s)")]
    private static partial void LogRecovered(ILogger logger, int reservations, int refunds);
}

/// <summary>Runs recovery for reservations whose lease ran out while the server runs (e.g. a compensation that failed).</summary>
internal sealed class CheckoutRecoverySweep(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CheckoutRecovery>().RecoverAsync(everyUnfinished: false, stoppingToken);
        }
    }
}
