using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// The reads of one request (or of one subscription event), taking turns: on PostgreSQL one no-tracking
/// context and one open connection, leased on the first read and returned when the request's scope
/// ends, shared by every loader batch and list resolver of the request; on SQLite each read borrows an
/// open context of <see cref="SqliteReadContextPool"/> (its statements stay prepared) and gives it back.
/// </summary>
/// <remarks>
/// EF Core's fixed cost per context lease and per connection open (the SQLite provider registers
/// its <c>ef_*</c> functions on every open) was a large share of a storefront page that leased a
/// context for each of its three or four batches. A context is not thread-safe and a request's reads
/// may overlap (loader batches dispatched together, a schema run with the parallel strategy), so the
/// reads take turns behind a lock; SQLite runs one statement at a time
/// anyway, and a request's statements on PostgreSQL are few and short. Writes never come here:
/// mutations open contexts of their own (transactions, the outbox), and so does a subscription's
/// set-up, whose scope lives as long as the subscription.
/// <para>
/// A query's reads on SQLite share one snapshot (<see cref="HoldSnapshot"/>, held by
/// <see cref="QueryReadSnapshot"/> while a query executes): one pooled connection in one read
/// transaction, so the product, its category and its reviews come from the same commit. Under WAL each
/// read transaction takes and drops a read lock on the shared-memory file, two <c>fcntl</c> system calls;
/// a statement on its own is a read transaction of its own, so a product page's four statements made
/// eight such calls (6 % of its CPU), and one snapshot makes two. A mutation's reads take no snapshot:
/// they must see what the mutation just wrote through its own context.
/// </para>
/// </remarks>
public sealed class ShopReadSession(IDbContextFactory<ShopDbContext> factory, SqliteReadContextPool? sqlite = null) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    // PostgreSQL: the request's own context. SQLite: the pooled context holding a query's snapshot.
    private ShopDbContext? _db;
    private bool _snapshot;
    private bool _disposed;

    /// <summary>
    /// From now on, until <see cref="ReleaseSnapshotAsync"/>, the reads share one snapshot (SQLite; on
    /// PostgreSQL each statement keeps its own, as before). Only for reads that no write of the same
    /// request may come between.
    /// </summary>
    public void HoldSnapshot() => _snapshot = sqlite is not null;

    /// <summary>Ends the shared snapshot, if one was taken: later reads see the latest commit again.</summary>
    public async Task ReleaseSnapshotAsync()
    {
        // On PostgreSQL there is none, and the context the session holds is its own to keep.
        if (sqlite is null)
        {
            return;
        }

        await _turn.WaitAsync();
        try
        {
            _snapshot = false;
            ReleaseHeld();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on the request's context when no other read of the request is running.</summary>
    public async Task<T> ReadAsync<T>(Func<ShopDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (sqlite is null)
            {
                return await read(_db ??= await OpenAsync(cancellationToken), cancellationToken);
            }

            if (_snapshot)
            {
                var held = _db ??= await sqlite.RentInReadTransactionAsync(cancellationToken);
                try
                {
                    return await read(held, cancellationToken);
                }
                catch
                {
                    // Its connection is in an unknown state: a later read takes a new snapshot.
                    _db = null;
                    sqlite.Return(held, healthy: false);
                    throw;
                }
            }

            var db = await sqlite.RentAsync(cancellationToken);
            var healthy = false;
            try
            {
                var result = await read(db, cancellationToken);
                healthy = true;
                return result;
            }
            finally
            {
                sqlite.Return(db, healthy);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on the request's context when no other read of the request is running.</summary>
    public Task ReadAsync(Func<ShopDbContext, CancellationToken, Task> read, CancellationToken cancellationToken) =>
        ReadAsync(async (db, token) =>
        {
            await read(db, token);
            return true;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // After the request's reads: a read still running (its request abandoned) finishes first.
        await _turn.WaitAsync();
        try
        {
            _disposed = true;
            if (sqlite is not null)
            {
                ReleaseHeld();
            }
            else if (_db is not null)
            {
                await _db.DisposeAsync();
                _db = null;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    // A scope disposed synchronously (a background job's or a test's `using`) must not throw for
    // holding an only asynchronously disposable service.
    public void Dispose()
    {
        _turn.Wait();
        try
        {
            _disposed = true;
            if (sqlite is not null)
            {
                ReleaseHeld();
            }
            else
            {
                _db?.Dispose();
                _db = null;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    // SQLite: the context held for a snapshot ends its read transaction and goes back to the pool.
    private void ReleaseHeld()
    {
        if (_db is { } held)
        {
            _db = null;
            sqlite!.ReturnFromReadTransaction(held);
        }
    }

    private async Task<ShopDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await factory.OpenDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }
}
