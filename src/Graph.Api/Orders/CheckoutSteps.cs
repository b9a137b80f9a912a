using System.Globalization;
using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.AspNetCore.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Orders;

/// <summary>
/// The database transactions of a checkout, each short and none around the payment call (a write
/// transaction held across it would stop every other writer of the SQLite file for its duration).
/// </summary>
public sealed class CheckoutSteps(IDbContextFactory<ShopDbContext> factory, TimeProvider time)
{
    // Long enough for the slowest charge; after it, recovery may put an abandoned reservation back.
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Transaction 1: claims the key and takes every unit of the cart from stock, priced from the
    /// catalog as it is now; or, when any line is short, keeps nothing.
    /// </summary>
    public async Task<Reservation> ReserveAsync(int userId, string key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await FindAsync(db, userId, key, cancellationToken);
        if (existing is not null)
        {
            return new Reservation.Claimed(existing);
        }

        // In product order, so that two checkouts on PostgreSQL lock shared rows in the same order.
        var cart = await db.CartItems.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.ProductId)
            .Select(c => new ReservedLine(c.ProductId, c.Quantity, c.Product!.Price))
            .ToListAsync(cancellationToken);
        if (cart.Count == 0)
        {
            return new Reservation.Refused([new EmptyCartError()]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var attempt = new CheckoutAttempt
        {
            UserId = userId,
            IdempotencyKey = key,
            CartFingerprint = CheckoutAttempt.FingerprintOf(cart.Select(l => (l.ProductId, l.Quantity))),
            PaymentReference = "chk_" + Guid.NewGuid().ToString("N"),
            Amount = cart.Sum(l => l.UnitPrice * l.Quantity),
            Reservation = CheckoutAttempt.Serialize(cart),
            CreatedAt = now,
            LeaseExpiresAt = now + Lease,
        };
        db.CheckoutAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // PostgreSQL: a concurrent request claimed the key first (SQLite's immediate transaction
            // serializes the two, so there the check above sees it).
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var winner = await FindAsync(fresh, userId, key, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return new Reservation.Claimed(winner);
        }

        var shortages = new List<IPayloadError>();
        foreach (var line in cart)
        {
            // The conditional update is the guard: a unit is taken only while it is there.
            var taken = await db.Products.Where(p => p.Id == line.ProductId && p.Stock >= line.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - line.Quantity), cancellationToken);
            if (taken == 0)
            {
                var available = await db.Products.Where(p => p.Id == line.ProductId).Select(p => p.Stock).SingleAsync(cancellationToken);
                shortages.Add(new OutOfStockError(line.ProductId, line.Quantity, available));
            }
        }

        if (shortages.Count > 0)
        {
            // Rolling back drops the claim and every unit taken: nothing is kept.
            await transaction.RollbackAsync(cancellationToken);
            return new Reservation.Refused(shortages);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Reservation.Reserved(attempt);
    }

    /// <summary>
    /// Transaction 2, after a successful charge: the order with its lines, status, payment, the
    /// cart emptied of what was bought, and the outbox events, all or nothing.
    /// </summary>
    public async Task<int> ConfirmAsync(CheckoutAttempt attempt, string providerReference, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await db.CheckoutAttempts.SingleOrDefaultAsync(a => a.Id == attempt.Id, cancellationToken);
        if (claim is not { OrderId: null })
        {
            throw new InvalidOperationException($"Checkout attempt {attempt.Id} was released before its order was written.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lines = claim.Lines;
        var order = Order.Place(
            claim.UserId,
            string.Create(CultureInfo.InvariantCulture, $"SO-{claim.Id:D6}"),
            claim.IdempotencyKey,
            lines.Select(l => new OrderLine { ProductId = l.ProductId, Quantity = l.Quantity, UnitPrice = l.UnitPrice }),
            providerReference,
            now);
        db.Orders.Add(order);
        claim.Order = order;
        await db.SaveChangesAsync(cancellationToken);

        // Only the rows of what was bought: an item added while the payment ran stays in the cart.
        var productIds = lines.Select(l => l.ProductId).ToList();
        await db.CartItems.Where(c => c.UserId == claim.UserId && productIds.Contains(c.ProductId)).ExecuteDeleteAsync(cancellationToken);
        db.AddEvent(new OrderPlaced(order.Id), now);
        await db.AddStockChangedEventsAsync(productIds, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return order.Id;
    }

    /// <summary>
    /// Undoes a reservation without an order: the claim goes and its units return to stock. Only
    /// the transaction that deletes the claim puts units back, so releasing twice never adds stock.
    /// </summary>
    public async Task ReleaseAsync(int attemptId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await db.CheckoutAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.OrderId == null, cancellationToken);
        if (claim is null || await db.CheckoutAttempts.Where(a => a.Id == attemptId && a.OrderId == null).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return;
        }

        foreach (var line in claim.Lines)
        {
            await db.Products.Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + line.Quantity), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The attempt for a user's key, if one was made (completed or in progress).</summary>
    public async Task<CheckoutAttempt?> FindAsync(int userId, string key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, userId, key, cancellationToken);
    }

    /// <summary>The fingerprint of the user's cart as it is now.</summary>
    public async Task<string> CartFingerprintAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cart = await db.CartItems.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.ProductId, c.Quantity }).ToListAsync(cancellationToken);
        return CheckoutAttempt.FingerprintOf(cart.Select(c => (c.ProductId, c.Quantity)));
    }

    private static Task<CheckoutAttempt?> FindAsync(ShopDbContext db, int userId, string key, CancellationToken cancellationToken) =>
        db.CheckoutAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId && a.IdempotencyKey == key, cancellationToken);
}

/// <summary>What transaction 1 came to.</summary>
public abstract record Reservation
{
    /// <summary>Stock taken and the key claimed: go and charge.</summary>
    public sealed record Reserved(CheckoutAttempt Attempt) : Reservation;

    /// <summary>Nothing kept: an empty cart or lines short of stock.</summary>
    public sealed record Refused(IReadOnlyList<IPayloadError> Errors) : Reservation;

    /// <summary>An earlier request holds the key (finished, or still running).</summary>
    public sealed record Claimed(CheckoutAttempt Attempt) : Reservation;
}
