using Microsoft.Extensions.Options;

namespace Graph.Api.Outbox;

/// <summary>
/// Deletes sent outbox rows older than <see cref="OutboxOptions.Retention"/>, at start and every
/// <see cref="OutboxOptions.PruneInterval"/>, so the table holds what is pending plus a recent
/// history rather than every event ever raised. Several instances pruning at once delete the same
/// rows harmlessly.
/// </summary>
public sealed partial class OutboxPruner(OutboxStore store, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await store.PruneAsync(time.GetUtcNow().UtcDateTime - settings.Retention, stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(logger, deleted);
                }

                await Task.Delay(settings.PruneInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database away (or not migrated yet) must not stop the host: tried again at the next interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
                await Task.Delay(settings.PruneInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} sent outbox row(s) past their retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the outbox failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
