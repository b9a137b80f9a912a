using System.Text.Json;
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
            int handled;
            try
            {
                handled = await DispatchAsync(settings.BatchSize, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing BackgroundService stops the host; whatever failed is retried at the next poll instead.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The database is away (or the schema not there yet), or the bus is.
                LogFailed(logger, ex);
                handled = 0;
            }

            if (handled < settings.BatchSize)
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

    /// <summary>
    /// Publishes up to <paramref name="batchSize"/> unsent events in order; returns how many rows it
    /// handled. Each row stands alone: one that cannot be read is set aside (marked sent, logged)
    /// and the rest go on; when the bus fails, the rows before it are marked sent and the rest wait
    /// for the next poll, still in order.
    /// </summary>
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
        var handled = 0;
        foreach (var message in batch)
        {
            if (!await TryPublishAsync(message, cancellationToken))
            {
                break;
            }

            message.SentAt = now;
            handled++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return handled;
    }

    // False when the bus failed: the row stays unsent for the next poll.
    private async Task<bool> TryPublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        IDomainEvent? domainEvent;
        try
        {
            domainEvent = DomainEvents.Read(message);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            // A payload that does not deserialize would fail every poll and hold back every row after it.
            LogUnreadable(logger, ex, message.Id, message.Type);
            return true;
        }

        if (domainEvent is null)
        {
            // A type this version does not know (written by a newer one): set aside, never retried forever.
            LogUnknown(logger, message.Id, message.Type);
            return true;
        }

        try
        {
            await bus.PublishAsync(domainEvent.Topic, new OutboxEvent(message.Id, domainEvent, message.OccurredAt), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(logger, ex, message.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox events failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {Id} failed; it and the rows after it are retried at the next poll")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} has the unknown type {Type}; marked sent without publishing")]
    private static partial void LogUnknown(ILogger logger, long id, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} of type {Type} cannot be read; marked sent without publishing (its row keeps the payload)")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, long id, string type);
}
