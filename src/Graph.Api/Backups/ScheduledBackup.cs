using System.Diagnostics.Metrics;
using System.Globalization;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Backups;

/// <summary>
/// Takes an online backup every <see cref="BackupOptions.Interval"/> into <see cref="BackupOptions.Folder"/>,
/// keeps the newest <see cref="BackupOptions.Keep"/>, logs each, and exports the time of the last
/// success as the gauge <c>graph.backup.last_success</c> (Unix seconds), so monitoring can alert on
/// a stale backup. SQLite only: PostgreSQL is backed up with its own tools.
/// </summary>
public sealed partial class ScheduledBackup : BackgroundService
{
    /// <summary>The meter of the shop's own instruments.</summary>
    public const string MeterName = "Graph.Api";

    private readonly IServiceScopeFactory _scopes;
    private readonly BackupOptions _options;
    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly ILogger<ScheduledBackup> _logger;
    private long _lastSuccess;

    public ScheduledBackup(IServiceScopeFactory scopes, IOptions<BackupOptions> options, IHostEnvironment environment, TimeProvider time, IMeterFactory meters, ILogger<ScheduledBackup> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _folder = Path.Combine(environment.ContentRootPath, "data", _options.Folder);
        _time = time;
        _logger = logger;
        meters.Create(MeterName).CreateObservableGauge(
            "graph.backup.last_success",
            () => Interlocked.Read(ref _lastSuccess),
            "s",
            "When the last scheduled backup succeeded, in Unix seconds (0: none yet).");
    }

    /// <summary>Takes one backup now and prunes the old ones; returns its file.</summary>
    public async Task<string> BackUpNowAsync(CancellationToken cancellationToken)
    {
        string connectionString;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            if (!db.Database.IsSqlite())
            {
                throw new NotSupportedException("Scheduled backups are SQLite's; back PostgreSQL up with pg_dump or pg_basebackup.");
            }

            connectionString = db.Database.GetConnectionString()!;
        }

        var now = _time.GetUtcNow();
        var file = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"shop-{now:yyyyMMdd-HHmmss-fff}.db"));
        await SqliteBackup.BackupAsync(connectionString, file, cancellationToken);
        foreach (var old in Directory.GetFiles(_folder, "shop-*.db").Order(StringComparer.Ordinal).SkipLast(Math.Max(1, _options.Keep)))
        {
            File.Delete(old);
        }

        Interlocked.Exchange(ref _lastSuccess, now.ToUnixTimeSeconds());
        return file;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, _time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                var file = await BackUpNowAsync(stoppingToken);
                LogBackedUp(_logger, file);
            }
            catch (NotSupportedException ex)
            {
                LogNotSupported(_logger, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                // Tried again at the next tick; the gauge keeps the last success, so an alert can fire.
                LogFailed(_logger, ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database backed up to {File}")]
    private static partial void LogBackedUp(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled backups are off: {Reason}")]
    private static partial void LogNotSupported(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled database backup failed; it is tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
