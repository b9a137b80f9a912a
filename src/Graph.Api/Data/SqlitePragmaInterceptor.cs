using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Data;

/// <summary>
/// Sets the per-connection SQLite settings on each native connection: <c>synchronous=FULL</c> so
/// that a committed order survives power loss under WAL, and a busy timeout so that writers wait
/// for the lock instead of failing.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite pools native connections and PRAGMA settings live on the native connection,
/// so they are set the first time a native connection is opened and not on each of its later
/// opens from the pool (a storefront page opens several: two statements more on each was a
/// measurable share of its time).
/// </remarks>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    // The native connections already set up; an entry goes with its connection.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        MarkConfigured(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Configured);
        }
    }
}
