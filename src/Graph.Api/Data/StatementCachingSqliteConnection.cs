using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Graph.Api.Data;

/// <summary>
/// A long-lived read connection of <see cref="SqliteReadContextPool"/> whose commands keep their
/// statements prepared: every command EF Core creates on it is a <see cref="CachedStatementCommand"/>
/// of its <see cref="SqliteStatementCache"/>.
/// </summary>
/// <remarks>
/// The connection makes the commands itself rather than an EF Core command interceptor: with any
/// command interceptor registered, EF Core builds the event data of every command (a
/// <c>Guid.NewGuid</c>, which on Linux reads <c>/dev/urandom</c>, and the interception events), about
/// 5 % of a product page's CPU.
/// </remarks>
internal sealed class StatementCachingSqliteConnection : SqliteConnection
{
    private readonly SqliteStatementCache _statements;

    public StatementCachingSqliteConnection(string connectionString, Action prepared)
        : base(connectionString) => _statements = new SqliteStatementCache(this, prepared);

    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(_statements);
}
