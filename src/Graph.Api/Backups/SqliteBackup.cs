using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Graph.Api.Backups;

/// <summary>
/// Backups of the SQLite database with SQLite's online backup API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>):
/// a consistent copy page by page while the server keeps writing, never a copy of the file (which,
/// in WAL mode, may miss what is still in the write-ahead log or catch a page half written).
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the live database of <paramref name="connectionString"/> into a new file.</summary>
    public static async Task BackupAsync(string connectionString, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (File.Exists(file))
        {
            throw new IOException($"{file} exists already; a backup never overwrites a file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);

        // Written beside its final name and moved when whole: a crash leaves no half backup under it.
        var partial = file + ".partial";
        await using (var source = new SqliteConnection(connectionString))
        await using (var destination = new SqliteConnection(FileConnectionString(partial, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
        }

        SqliteConnection.ClearAllPools();
        File.Move(partial, file);
    }

    /// <summary>
    /// Checks a backup: SQLite's <c>integrity_check</c>, and that its schema is not newer than this
    /// version knows (its last applied migration is one of <paramref name="knownMigrations"/>).
    /// </summary>
    public static async Task<BackupCheck> VerifyAsync(string file, IReadOnlyList<string> knownMigrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knownMigrations);
        if (!File.Exists(file))
        {
            return BackupCheck.Failed($"{file} does not exist.");
        }

        try
        {
            await using var connection = new SqliteConnection(FileConnectionString(file, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(cancellationToken);
            var integrity = await ScalarAsync(connection, "PRAGMA integrity_check", cancellationToken);
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            {
                return BackupCheck.Failed($"integrity_check: {integrity}");
            }

            var migration = await ScalarAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1", cancellationToken);
            if (migration is null || !knownMigrations.Contains(migration))
            {
                return BackupCheck.Failed(migration is null
                    ? "it holds no applied migration: not a database of this application."
                    : $"its schema ({migration}) is newer than this version knows; restore it with a newer version.");
            }

            var orders = long.Parse(await ScalarAsync(connection, "SELECT COUNT(*) FROM Orders", cancellationToken) ?? "0", CultureInfo.InvariantCulture);
            return new BackupCheck(true, null, migration, orders);
        }
        catch (SqliteException ex)
        {
            // "file is not a database", a truncated file, a missing table.
            return BackupCheck.Failed(ex.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Copies a verified backup over the database of <paramref name="connectionString"/> (the server must be stopped).</summary>
    public static async Task RestoreAsync(string file, string connectionString, CancellationToken cancellationToken = default)
    {
        // A restore into a fresh folder (a new machine) creates it, as a first start would.
        var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(target)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using (var source = new SqliteConnection(FileConnectionString(file, SqliteOpenMode.ReadOnly)))
        await using (var destination = new SqliteConnection(connectionString))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
        }

        SqliteConnection.ClearAllPools();
    }

    private static string FileConnectionString(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
    }
}
