using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Counts the database connections EF Core opens (each context a request leases opens one): the
/// fixed cost per context and per open is what a request's reads share one context to avoid.
/// </summary>
public sealed class ConnectionOpenRecorder : DbConnectionInterceptor
{
    private int _opened;

    /// <summary>Whether an open is to be counted, asked as it happens; every one by default.</summary>
    public Func<bool> IsRecording { get; set; } = () => true;

    /// <summary>The connections opened since the last <see cref="Reset"/>.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Forgets what was counted: call it just before the work under test.</summary>
    public void Reset() => Interlocked.Exchange(ref _opened, 0);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count();
        return Task.CompletedTask;
    }

    private void Count()
    {
        if (IsRecording())
        {
            Interlocked.Increment(ref _opened);
        }
    }
}
