using Microsoft.Data.Sqlite;

namespace Graph.Api.Data;

/// <summary>
/// The prepared statements of one long-lived SQLite connection, one command per SQL text, so that a
/// statement EF Core runs again is bound and stepped instead of parsed and planned again.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite keeps a statement prepared only as long as its <see cref="SqliteCommand"/>, EF
/// Core creates and disposes a command for every execution, and closing a connection finalizes every
/// statement on it. So the cache lives with a connection that stays open (<see cref="SqliteReadContextPool"/>),
/// and that connection (<see cref="StatementCachingSqliteConnection"/>) hands EF Core a
/// <see cref="CachedStatementCommand"/> whose disposal gives the prepared command back here. A command
/// in use is taken out of the cache, so the same text run twice at once gets a second command; one
/// whose reader was left open is not given back.
/// </remarks>
public sealed class SqliteStatementCache
{
    // Distinct statement texts kept per connection: a page shape's SQL is fixed (its values are
    // parameters), so the shop runs a few dozen; beyond the bound a text is prepared for each use.
    internal const int MaxStatements = 256;

    private readonly Dictionary<string, ReusableSqliteCommand> _idle = new(StringComparer.Ordinal);
    private readonly SqliteConnection _connection;
    private readonly Action _prepared;

    /// <summary>The cache of <paramref name="connection"/>; <paramref name="prepared"/> is told of each statement text prepared.</summary>
    internal SqliteStatementCache(SqliteConnection connection, Action prepared)
    {
        _connection = connection;
        _prepared = prepared;
    }

    internal SqliteConnection Connection => _connection;

    /// <summary>A command for <paramref name="sql"/> on the connection: its prepared one when it is idle, else a new one.</summary>
    internal ReusableSqliteCommand Rent(string sql)
    {
        lock (_idle)
        {
            if (_idle.Remove(sql, out var idle))
            {
                return idle;
            }
        }

        _prepared();
        return new ReusableSqliteCommand(_connection, sql);
    }

    /// <summary>Takes a command back after its execution: kept for its text, or disposed.</summary>
    internal void Return(ReusableSqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (!command.IsReading)
        {
            lock (_idle)
            {
                if (_idle.Count < MaxStatements && _idle.TryAdd(command.CommandText, command))
                {
                    return;
                }
            }
        }

        command.Dispose();
    }
}

/// <summary>A <see cref="SqliteCommand"/> whose prepared statements outlive one execution.</summary>
internal sealed class ReusableSqliteCommand : SqliteCommand
{
    public ReusableSqliteCommand(SqliteConnection connection, string sql)
        : base(sql, connection)
    {
    }

    /// <summary>Whether a data reader of this command is still open (not reset: it must not be reused).</summary>
    public bool IsReading => DataReader is not null;
}
