using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Data;

/// <summary>
/// Gives EF Core a <see cref="CachedStatementCommand"/> for each command on a connection that has a
/// <see cref="SqliteStatementCache"/> (the read connections of <see cref="SqliteReadContextPool"/>);
/// commands on any other connection (writes, migrations) are EF Core's own.
/// </summary>
internal sealed class SqliteStatementCacheInterceptor : DbCommandInterceptor
{
    public static SqliteStatementCacheInterceptor Instance { get; } = new();

    private SqliteStatementCacheInterceptor()
    {
    }

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        eventData.Connection is SqliteConnection connection && SqliteStatementCache.TryGet(connection, out var cache)
            ? InterceptionResult<DbCommand>.SuppressWithResult(new CachedStatementCommand(cache))
            : result;
}
