using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Testing;

/// <summary>
/// Records every SQL command EF Core executes (reader, scalar and non-query alike), with its parameter
/// values: to count statements (N+1 queries, a statement budget) and to read the SQL a query became.
/// </summary>
public sealed class SqlCommandRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> _recorded = new();

    /// <summary>
    /// Whether a command is to be recorded, asked as it executes; every one by default. A web host sets
    /// it to "inside a request" so that background work (an outbox dispatcher's polling) is left out.
    /// </summary>
    public Func<bool> IsRecording { get; set; } = () => true;

    /// <summary>The SQL of every recorded command, in order.</summary>
    public IReadOnlyList<string> Commands => [.. _recorded.Select(c => c.Sql)];

    /// <summary>Every recorded command with its parameters, in order.</summary>
    public IReadOnlyList<RecordedCommand> Recorded => [.. _recorded];

    /// <summary>The recorded commands that count rows (a <c>COUNT(</c> in their SQL).</summary>
    public IReadOnlyList<RecordedCommand> Counts => [.. _recorded.Where(c => c.Sql.Contains("COUNT(", StringComparison.Ordinal))];

    /// <summary>Forgets what was recorded: call it just before the work under test.</summary>
    public void Reset() => _recorded.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (IsRecording())
        {
            _recorded.Enqueue(new RecordedCommand(
                command.CommandText,
                command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value)));
        }
    }
}
