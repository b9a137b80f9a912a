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
/// </remarks>
public sealed class ShopReadSession(IDbContextFactory<ShopDbContext> factory, SqliteReadContextPool? sqlite = null) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private ShopDbContext? _db;
    private bool _disposed;

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
            if (_db is not null)
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
            _db?.Dispose();
            _db = null;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<ShopDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await factory.OpenDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }
}
