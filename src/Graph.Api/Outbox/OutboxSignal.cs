using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Outbox;

/// <summary>
/// Wakes the <see cref="OutboxDispatcher"/> as soon as a change that wrote outbox rows is committed,
/// so events go out without waiting for the next poll. Only a hint: the dispatcher reads committed
/// rows, so a nudge before the commit finds nothing and the commit's own nudge follows.
/// </summary>
public sealed class OutboxSignal : ISaveChangesInterceptor, IDbTransactionInterceptor, IDisposable
{
    private readonly SemaphoreSlim _nudges = new(0, 1);

    // Contexts that saved outbox rows inside a transaction not committed yet.
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>Wakes the dispatcher (once, however often it is called before it wakes).</summary>
    public void Nudge()
    {
        try
        {
            _nudges.Release();
        }
        catch (SemaphoreFullException)
        {
            // A nudge is already waiting.
        }
    }

    public void Dispose() => _nudges.Dispose();

    /// <summary>Waits for a nudge or the interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => _nudges.WaitAsync(interval, cancellationToken);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private void Saved(DbContext? context)
    {
        // Without an explicit transaction, SaveChanges has committed by now.
        if (context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context))
        {
            Nudge();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            Nudge();
        }
    }
}
