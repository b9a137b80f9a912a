using Graph.Api.Data;
using Graph.AspNetCore.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Subscriptions;

/// <summary>
/// Publishes committed domain events: reads the outbox rows not sent yet, in id order, publishes each
/// to its topic on the <see cref="ITopicEventBus"/> as an <see cref="OutboxEvent"/>, and marks them
/// sent. Runs from start-up (so whatever a crash left unsent goes out first), then whenever a commit
/// nudges it (<see cref="OutboxSignal"/>) or the poll interval passes. A row is marked sent after it
/// is published, so a crash in between publishes it again on restart: delivery is at least once, and
/// the outbox id tells a repeat from a new event. A rolled-back change never wrote its row, so it is
/// never published.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<ShopDbContext> factory,
    ITopicEventBus bus,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await DispatchAsync(settings.BatchSize, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                // The database is away (or the schema not there yet): try again at the next poll.
                LogFailed(logger, ex);
                published = 0;
            }

            if (published < settings.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes up to <paramref name="batchSize"/> unsent events; returns how many rows it handled.</summary>
    private async Task<int> DispatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var batch = await db.OutboxMessages
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var message in batch)
        {
            if (DomainEvents.Read(message) is { } domainEvent)
            {
                await bus.PublishAsync(domainEvent.Topic, new OutboxEvent(message.Id, domainEvent, message.OccurredAt), cancellationToken);
            }
            else
            {
                // A type this version does not know (written by a newer one): set aside, never retried forever.
                LogUnknown(logger, message.Id, message.Type);
            }

            message.SentAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox events failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} has the unknown type {Type}; marked sent without publishing")]
    private static partial void LogUnknown(ILogger logger, long id, string type);
}
