using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Data;

/// <summary>
/// Brings the database up to date at start-up: migrations, WAL mode, and the demo seed. On
/// PostgreSQL several instances may start at once against one empty database: each takes
/// <see cref="MigrationLock"/> first, so exactly one migrates and seeds while the others wait,
/// then find nothing left to do.
/// </summary>
public sealed partial class DatabaseInitializer(
    ShopDbContext db,
    IOptions<SeedOptions> seedOptions,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var held = await MigrationLock.AcquireAsync(db, logger, cancellationToken);
        await MigrateUnlockedAsync(cancellationToken);
        if (seedOptions.Value.Demo ?? environment.IsDevelopment())
        {
            await DemoSeed.SeedAsync(db, cancellationToken);
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var held = await MigrationLock.AcquireAsync(db, logger, cancellationToken);
        await MigrateUnlockedAsync(cancellationToken);
    }

    private async Task MigrateUnlockedAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the one writer; the mode is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            var names = string.Join(", ", pending);
            LogMigrating(logger, pending.Count, names);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s): {Migrations}")]
    private static partial void LogMigrating(ILogger logger, int count, string migrations);
}
