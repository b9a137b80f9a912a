using System.Globalization;
using Graph.Api.Backups;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Commands;

/// <summary><c>db backup &lt;file&gt;</c>, <c>db verify &lt;file&gt;</c> and <c>db restore &lt;file&gt;</c> (SQLite).</summary>
public static class BackupCommands
{
    private const string PostgresAdvice =
        "The database is PostgreSQL: back it up with pg_dump (a logical copy) or pg_basebackup (a physical one), and restore with pg_restore; see the README.";

    /// <summary>An online backup of the configured database while the server may be running.</summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string file, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (await SqliteConnectionStringAsync(services) is not { } connectionString)
        {
            await error.WriteLineAsync(PostgresAdvice);
            return 1;
        }

        try
        {
            await SqliteBackup.BackupAsync(connectionString, file, cancellationToken);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        var check = await SqliteBackup.VerifyAsync(file, await KnownMigrationsAsync(services), cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Backed up to {Path.GetFullPath(file)} ({check.Orders:N0} orders, schema {check.LastMigration})."));
        return check.Ok ? 0 : 1;
    }

    /// <summary>Checks a backup file: integrity, and a schema this version can restore.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider services, string file, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var check = await SqliteBackup.VerifyAsync(file, await KnownMigrationsAsync(services), cancellationToken);
        if (!check.Ok)
        {
            await error.WriteLineAsync($"{file} cannot be restored: {check.Problem}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file}: integrity ok, schema {check.LastMigration}, {check.Orders:N0} orders."));
        return 0;
    }

    /// <summary>Replaces the configured database with a verified backup. The server must be stopped.</summary>
    public static async Task<int> RestoreAsync(IServiceProvider services, string file, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (await SqliteConnectionStringAsync(services) is not { } connectionString)
        {
            await error.WriteLineAsync(PostgresAdvice);
            return 1;
        }

        var check = await SqliteBackup.VerifyAsync(file, await KnownMigrationsAsync(services), cancellationToken);
        if (!check.Ok)
        {
            await error.WriteLineAsync($"Refused: {file} cannot be restored: {check.Problem}");
            return 1;
        }

        await SqliteBackup.RestoreAsync(file, connectionString, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Restored {file} ({check.Orders:N0} orders, schema {check.LastMigration}). Start the server: committed events not yet sent are sent at start."));
        return 0;
    }

    private static async Task<string?> SqliteConnectionStringAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return db.Database.IsSqlite() ? db.Database.GetConnectionString() : null;
    }

    private static async Task<IReadOnlyList<string>> KnownMigrationsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return [.. scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.GetMigrations()];
    }
}
