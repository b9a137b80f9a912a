using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Outbox;

/// <summary>
/// Acts once a change that wrote outbox rows has committed: after <c>SaveChanges</c> when no
/// explicit transaction is open (it has committed by then), else when the transaction commits. A
/// rolled-back change never commits, so it is forgotten. What a change wrote is collected per context
/// into a <typeparamref name="TPending"/> while it saves.
/// </summary>
/// <typeparam name="TPending">What a subclass keeps of a change's outbox rows until it commits.</typeparam>
public abstract class OutboxCommitInterceptor<TPending> : ISaveChangesInterceptor, IDbTransactionInterceptor
    where TPending : class, new()
{
    // What contexts saved inside a transaction not committed yet.
    private readonly ConditionalWeakTable<DbContext, TPending> _pending = [];

    /// <summary>False to ignore changes altogether (nothing is collected or acted on).</summary>
    protected virtual bool IsActive => true;

    /// <summary>Adds an outbox row the change wrote to what is kept of it.</summary>
    protected abstract void Collect(TPending pending, OutboxMessage message);

    /// <summary>The change that wrote the rows collected in <paramref name="pending"/> has committed.</summary>
    protected abstract void Committed(TPending pending);

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

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContext? context)
    {
        if (context is null || !IsActive)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State == EntityState.Added)
            {
                Collect(_pending.GetOrCreateValue(context), entry.Entity);
            }
        }
    }

    private void Saved(DbContext? context)
    {
        // Without an explicit transaction, SaveChanges has committed by now.
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            Committed(pending);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
