using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Counts (and keeps) every SQL command the application runs while answering a request, to catch
/// N+1 queries. Background work (the outbox dispatcher's polling) is not counted.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    /// <summary>Whether a command belongs to a request; set by the factory once the app is built.</summary>
    public Func<bool> IsInRequest { get; set; } = () => true;

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Reset() => _commands.Clear();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (IsInRequest())
        {
            _commands.Enqueue(result.CommandText);
        }

        return result;
    }
}
