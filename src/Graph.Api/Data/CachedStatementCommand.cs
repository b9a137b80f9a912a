using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Graph.Api.Data;

/// <summary>
/// The command EF Core is given on a connection with a <see cref="SqliteStatementCache"/>: setting its
/// text rents the prepared command for that text, every call is passed to it, and disposing it gives the
/// prepared command back instead of finalizing its statements.
/// </summary>
/// <remarks>
/// EF Core sets the text first, then the transaction, the timeout and the parameters, executes, clears
/// the parameters and disposes (RelationalCommand.CreateDbCommand): the rented command exists from the
/// text on, so everything after it goes straight to the command that runs.
/// </remarks>
internal sealed class CachedStatementCommand(SqliteStatementCache cache) : DbCommand
{
    private ReusableSqliteCommand? _rented;
    private DbTransaction? _transaction;
    private int? _timeout;

    [AllowNull]
    public override string CommandText
    {
        get => _rented?.CommandText ?? string.Empty;
        set
        {
            GiveBack();
            if (!string.IsNullOrEmpty(value))
            {
                _rented = cache.Rent(value);
                _rented.Transaction = (SqliteTransaction?)_transaction;
                if (_timeout is { } timeout)
                {
                    _rented.CommandTimeout = timeout;
                }
            }
        }
    }

    public override int CommandTimeout
    {
        get => _timeout ?? cache.Connection.DefaultTimeout;
        set
        {
            _timeout = value;
            _rented?.CommandTimeout = value;
        }
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("Only CommandType.Text is supported.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => cache.Connection;
        set
        {
            if (value is not null && !ReferenceEquals(value, cache.Connection))
            {
                throw new InvalidOperationException("A cached statement runs on the connection of its cache.");
            }
        }
    }

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            _rented?.Transaction = (SqliteTransaction?)value;
        }
    }

    protected override DbParameterCollection DbParameterCollection => Rented.Parameters;

    public override void Cancel() => _rented?.Cancel();

    public override int ExecuteNonQuery() => Rented.ExecuteNonQuery();

    public override object? ExecuteScalar() => Rented.ExecuteScalar();

    public override void Prepare() => Rented.Prepare();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Rented.ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Rented.ExecuteScalarAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Rented.ExecuteReader(behavior);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await Rented.ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
        }

        base.Dispose(disposing);
    }

    private ReusableSqliteCommand Rented =>
        _rented ?? throw new InvalidOperationException("The command has no text yet.");

    private void GiveBack()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            cache.Return(rented);
        }
    }
}
