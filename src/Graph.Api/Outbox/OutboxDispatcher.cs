using System.Text.Json;
using Graph.AspNetCore.Subscriptions;
using Microsoft.Extensions.Options;

namespace Graph.Api.Outbox;

/// <summary>
/// Publishes committed domain events: claims unsent outbox rows (<see cref="OutboxStore"/>: every
/// instance runs a dispatcher, and each row goes to one of them), publishes each in id order to its
/// topic on the <see cref="ITopicEventBus"/> as an <see cref="OutboxEvent"/>, and marks it sent once
/// the bus has accepted it. Runs from start-up (so whatever a crash left unsent goes out first),
/// then whenever a commit nudges it (<see cref="OutboxSignal"/>) or the poll interval passes; while
/// the bus fails it retries with a doubling wait. A row is marked sent after it is published, so a
/// crash in between publishes it again (here after a restart, or by another instance once the
/// claim's lease has run out): delivery is at least once, and the outbox id tells a repeat from a
/// new event. A rolled-back change never wrote its row, so it is never published.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    ITopicEventBus bus,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Outcome outcome;
            try
            {
                outcome = await DispatchAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing BackgroundService stops the host; whatever failed is retried at the next poll instead.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The database is away (or the schema not there yet).
                LogFailed(logger, ex);
                outcome = Outcome.Failed;
            }

            try
            {
                if (outcome == Outcome.Failed)
                {
                    // Commits keep nudging while the bus is away: the wait is a delay, not a nudgeable poll.
                    failures++;
                    await Task.Delay(RetryDelay(settings, failures), time, stoppingToken);
                }
                else if (outcome == Outcome.Drained)
                {
                    failures = 0;
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                else
                {
                    failures = 0;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private enum Outcome
    {
        /// <summary>Fewer rows than a batch were waiting: wait for a nudge or the poll.</summary>
        Drained,

        /// <summary>A full batch went out: more may be waiting.</summary>
        More,

        /// <summary>The bus or the database failed: retry after a wait.</summary>
        Failed,
    }

    private static TimeSpan RetryDelay(OutboxOptions settings, int failures)
    {
        var delay = settings.PollInterval * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    /// <summary>
    /// Claims and publishes one batch in order. Each row stands alone: one that cannot be read is
    /// set aside (marked sent, logged) and the rest go on; when the bus fails, the rows before it
    /// are marked sent and the rest are given back, still in order, for the next try.
    /// </summary>
    private async Task<Outcome> DispatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var batch = await store.ClaimAsync(settings.BatchSize, settings.ClaimLease, cancellationToken);
        if (batch.Count == 0)
        {
            return Outcome.Drained;
        }

        var handled = new List<long>(batch.Count);
        foreach (var message in batch)
        {
            if (!await TryPublishAsync(message, cancellationToken))
            {
                break;
            }

            handled.Add(message.Id);
        }

        await store.MarkSentAsync(handled, cancellationToken);
        if (handled.Count < batch.Count)
        {
            await store.ReleaseAsync([.. batch.Skip(handled.Count).Select(m => m.Id)], cancellationToken);
            return Outcome.Failed;
        }

        return batch.Count < settings.BatchSize ? Outcome.Drained : Outcome.More;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the outbox failed; retrying after a wait")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {Id} failed; it and the rows after it are retried after a wait")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} has the unknown type {Type}; marked sent without publishing")]
    private static partial void LogUnknown(ILogger logger, long id, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} of type {Type} cannot be read; marked sent without publishing (its row keeps the payload)")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, long id, string type);
}
