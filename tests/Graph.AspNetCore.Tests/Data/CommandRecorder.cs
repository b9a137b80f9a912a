using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>Records every command EF Core sends: its SQL and parameter values.</summary>
public sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();

    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    public IReadOnlyList<RecordedCommand> Counts => [.. _commands.Where(c => c.Sql.Contains("COUNT(", StringComparison.Ordinal))];

    public void Clear() => _commands.Clear();

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

    private void Record(DbCommand command) =>
        _commands.Enqueue(new RecordedCommand(
            command.CommandText,
            command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value)));
}

public sealed record RecordedCommand(string Sql, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>The value of the parameter after <c>LIMIT</c>.</summary>
    public object? Limit
    {
        get
        {
            var at = Sql.IndexOf("LIMIT @", StringComparison.Ordinal);
            Assert.True(at >= 0, $"no LIMIT in {Sql}");
            var name = new string([.. Sql[(at + 7)..].TakeWhile(c => char.IsLetterOrDigit(c) || c == '_')]);
            return Parameters[name];
        }
    }
}
