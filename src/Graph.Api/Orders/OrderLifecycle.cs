using System.Security.Claims;
using Graph.Api.Accounts;
using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.AspNetCore.Authorization;
using GraphQL;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Orders;

/// <summary>
/// Moves orders through their statuses (the rules are on <see cref="Order"/>): each move recorded in
/// the history and the outbox in one transaction; a cancellation also returns the stock and refunds.
/// </summary>
public sealed partial class OrderLifecycle(
    IDbContextFactory<ShopDbContext> factory,
    IAuthorizationService authorization,
    IPaymentGateway gateway,
    TimeProvider time,
    ILogger<OrderLifecycle> logger)
{
    public async Task<OrderPayload> MoveAsync(int orderId, string orderGlobalId, OrderStatus to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Status is a concurrency token: a move that lost a race is tried again on the new status.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryMoveAsync(orderId, orderGlobalId, to, user, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<OrderPayload> TryMoveAsync(int orderId, string orderGlobalId, OrderStatus to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.Payment).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return OrderPayload.Failed(new OrderNotFoundError(orderGlobalId));
        }

        // The same rule as reading it: its customer, STAFF or ADMIN.
        if (!(await authorization.AuthorizeAsync(user, order, ShopPolicies.OrderReader)).Succeeded)
        {
            throw new ExecutionError("You are not allowed to change this order.") { Code = AuthorizationError.NotAuthorized };
        }

        var now = time.GetUtcNow().UtcDateTime;
        var from = order.Status;
        var by = user.GetUserId()!.Value;
        var refused = to == OrderStatus.Cancelled ? order.Cancel(by, user.IsStaffOrAdmin(), now) : order.MoveTo(to, by, now);
        if (refused is not null)
        {
            return OrderPayload.Failed(refused);
        }

        db.AddEvent(new OrderStatusChanged(order.Id, from, to), now);
        if (to == OrderStatus.Cancelled)
        {
            foreach (var line in order.Lines)
            {
                await db.Products.Where(p => p.Id == line.ProductId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + line.Quantity), cancellationToken);
            }

            await db.AddStockChangedEventsAsync(order.Lines.Select(l => l.ProductId), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (to == OrderStatus.Cancelled && order.Payment is { } payment)
        {
            await RefundAsync(payment, CancellationToken.None);
        }

        return OrderPayload.For(order.Id);
    }

    /// <summary>
    /// Refunds a cancelled order's payment at the gateway, then records it. Committed first and
    /// refunded second, so that a refund is never made for a cancellation that did not happen; a
    /// refund that fails here leaves the payment CAPTURED, and start-up recovery tries again.
    /// </summary>
    public async Task RefundAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        try
        {
            await gateway.RefundAsync(payment.ProviderReference, cancellationToken);
        }
#pragma warning disable CA1031 // Logged; recovery refunds cancelled orders whose payment is still captured.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRefundFailed(logger, exception, payment.OrderId);
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Payments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Captured)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Refunded), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refunding the payment of cancelled order {OrderId} failed; start-up recovery will retry")]
    private static partial void LogRefundFailed(ILogger logger, Exception exception, int orderId);
}
