using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SQLitePCL;

namespace Graph.Api.Data;

/// <summary>
/// SQLite only: no-tracking read contexts whose connections stay open from one read to the next,
/// each with a <see cref="SqliteStatementCache"/>, lent to one read at a time (<see cref="ShopReadSession"/>).
/// </summary>
/// <remarks>
/// <para>
/// Compiling SQL was a fifth of a product page's CPU: EF Core's pooled contexts close their connection
/// when they go back to the pool, and closing a SQLite connection finalizes its prepared statements, so
/// every request parsed and planned all of its statements again. A context here keeps its connection
/// open, and so its statements prepared and EF Core's <c>ef_*</c> functions registered (the provider
/// registers them on every open). Under WAL an open connection with no statement running holds no
/// snapshot: each statement reads the latest commit, so a read after a mutation sees it.
/// </para>
/// <para>
/// Contexts are made from the shop's own options (its interceptors included) with the connection
/// swapped in. A read that throws discards its context rather than lend a connection in an unknown
/// state. Beyond <see cref="MaxIdle"/> idle contexts, one given back is disposed: a burst of
/// concurrent reads costs new connections, as every read did before. Writes and migrations never
/// come here (their contexts are EF Core's pooled ones, their connections closed after use).
/// </para>
/// </remarks>
public sealed class SqliteReadContextPool(DbContextOptions<ShopDbContext> options) : IDisposable
{
    private readonly ConcurrentQueue<ShopDbContext> _idle = new();
    private int _idleCount;
    private long _created;
    private long _statementsPrepared;
    private long _readTransactions;
    private volatile bool _disposed;

    /// <summary>The most idle contexts (and open connections) kept.</summary>
    public static int MaxIdle { get; } = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>Contexts (and connections) opened so far.</summary>
    public long ContextsCreated => Interlocked.Read(ref _created);

    /// <summary>SQL texts prepared so far on this pool's connections; a statement run again from the cache is not counted.</summary>
    public long StatementsPrepared => Interlocked.Read(ref _statementsPrepared);

    /// <summary>Read transactions begun by <see cref="RentInReadTransactionAsync"/> so far.</summary>
    public long ReadTransactions => Interlocked.Read(ref _readTransactions);

    /// <summary>An idle read context, or a new one with its connection open.</summary>
    public async ValueTask<ShopDbContext> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        return await CreateAsync(cancellationToken);
    }

    /// <summary>Takes back a context whose read finished; <paramref name="healthy"/> false discards it.</summary>
    public void Return(ShopDbContext db, bool healthy)
    {
        if (healthy && !_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(db);

                // Disposed meanwhile: what is left in the queue is this caller's to close.
                if (_disposed)
                {
                    DisposeIdle();
                }

                return;
            }

            // The pool is full: the slot just counted is given up again.
            Interlocked.Decrement(ref _idleCount);
        }

        Discard(db);
    }

    /// <summary>
    /// A context whose reads, until <see cref="ReturnFromReadTransaction"/>, share one snapshot: its
    /// connection is in a deferred transaction, whose first read takes the snapshot.
    /// </summary>
    public async ValueTask<ShopDbContext> RentInReadTransactionAsync(CancellationToken cancellationToken)
    {
        var db = await RentAsync(cancellationToken);
        try
        {
            // A plain BEGIN, not SqliteConnection.BeginTransaction: EF Core's commands on the connection
            // then need no transaction object, and the statement is prepared once per connection.
            Execute(db.Database.GetDbConnection(), "BEGIN");
        }
        catch
        {
            Return(db, healthy: false);
            throw;
        }

        Interlocked.Increment(ref _readTransactions);
        return db;
    }

    /// <summary>Ends the read transaction of a context from <see cref="RentInReadTransactionAsync"/> and takes it back.</summary>
    public void ReturnFromReadTransaction(ShopDbContext db)
    {
        var healthy = false;
        try
        {
            Execute(db.Database.GetDbConnection(), "COMMIT");
            healthy = true;
        }
        finally
        {
            Return(db, healthy);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private async Task<ShopDbContext> CreateAsync(CancellationToken cancellationToken)
    {
        var connection = new StatementCachingSqliteConnection(RelationalOptionsExtension.Extract(options).ConnectionString!, () => Interlocked.Increment(ref _statementsPrepared));
        var db = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>(options).UseSqlite(connection).Options);
        try
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;

            // Opened through EF Core, so that the connection interceptors (the PRAGMAs) see it.
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch
        {
            Discard(db);
            throw;
        }

        Interlocked.Increment(ref _created);
        return db;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void DisposeIdle()
    {
        while (_idle.TryDequeue(out var db))
        {
            Interlocked.Decrement(ref _idleCount);
            Discard(db);
        }
    }

    private static void Discard(ShopDbContext db)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        EndOpenTransaction(connection);
        db.Dispose();
        connection.Dispose();
    }

    // Microsoft.Data.Sqlite pools the native connection of a disposed SqliteConnection, and rolls back
    // only the transactions it began itself: a connection discarded inside a read transaction of
    // RentInReadTransactionAsync (its read failed or was cancelled) would go back still in it, and the
    // next context to open it would read that old snapshot, or fail to begin a transaction of its own.
    private static void EndOpenTransaction(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || raw.sqlite3_get_autocommit(handle) != 0)
        {
            return;
        }

        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // Still inside it: the native connections of this pool are closed rather than reused.
            SqliteConnection.ClearPool(connection);
        }
    }
}
