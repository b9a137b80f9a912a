using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// PostgreSQL's session advisory lock around migrating and seeding, held on the context's own
/// connection (which stays open until the lock is given back, so EF Core migrates on it). A second
/// instance blocks in <c>pg_advisory_lock</c> until the first is done. On SQLite there is one process
/// per file and nothing to take.
/// </summary>
internal sealed partial class MigrationLock : IAsyncDisposable
{
    // Any constant shared by every instance of this application: "graph-db" in ASCII.
    private const long Key = 0x67726170682d6462;

    private readonly ShopDbContext? _db;

    private MigrationLock(ShopDbContext? db) => _db = db;

    public static async Task<MigrationLock> AcquireAsync(ShopDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new MigrationLock(null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // A lock held by another instance is reported, then waited for (it is migrating or seeding).
            var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({Key}) AS \"Value\"").SingleAsync(cancellationToken);
            if (!taken)
            {
                LogWaiting(logger);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Key})", cancellationToken);
            }
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }

        return new MigrationLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        try
        {
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})");
        }
        finally
        {
            // Closing also ends the session's locks when the unlock could not be sent.
            await _db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is migrating the database; waiting for it")]
    private static partial void LogWaiting(ILogger logger);
}
