using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Graph.Api.Tests.Data;

/// <summary>
/// On SQLite a page's <c>LIMIT</c> parameter is written <c>+@p</c> (<see cref="BoundLimitSqliteQuerySqlGenerator"/>):
/// SQLite prepares a bare <c>LIMIT ?</c> again whenever it is bound again, which the shop's cached
/// statements are on every execution.
/// </summary>
public sealed class BoundLimitSqlTests : IDisposable
{
    // SQLITE_STMTSTATUS_REPREPARE (sqlite3.h), which SQLitePCLRaw does not name.
    private const int StatementStatusReprepare = 5;

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_statement_with_a_limit_parameter_keeps_its_plan_when_bound_again()
    {
        await using var db = _factory.Db();
        var take = 3;
        var query = db.Products.AsNoTracking().Where(p => p.CategoryId == take).OrderBy(p => p.Name).Take(take).Select(p => p.Id);

        // ToQueryString: ".param set @name value" lines, a blank line, then the SQL as sent.
        var text = query.ToQueryString();
        var sql = text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        Assert.Matches(@"LIMIT \+@\w+", sql);
        Assert.Equal(3, (await query.ToListAsync()).Count);

        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal(0, RepreparesWhenBoundAgain(connection, sql));

        // What the unary plus prevents, on the SQLite this build ships with.
        Assert.True(RepreparesWhenBoundAgain(connection, sql.Replace("LIMIT +@", "LIMIT @", StringComparison.Ordinal)) > 0);
    }

    // Prepares the statement once, runs it three times with its parameters bound again, and counts SQLite's re-preparations.
    private static int RepreparesWhenBoundAgain(SqliteConnection connection, string sql)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        using (statement)
        {
            for (var run = 0; run < 3; run++)
            {
                for (var parameter = 1; parameter <= raw.sqlite3_bind_parameter_count(statement); parameter++)
                {
                    raw.sqlite3_bind_int(statement, parameter, 2 + run);
                }

                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                }

                raw.sqlite3_reset(statement);
            }

            return raw.sqlite3_stmt_status(statement, StatementStatusReprepare, 0);
        }
    }
}
