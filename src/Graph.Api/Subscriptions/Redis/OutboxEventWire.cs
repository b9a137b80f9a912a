using System.Text.Json;
using Graph.Api.Outbox;

namespace Graph.Api.Subscriptions.Redis;

/// <summary>An <see cref="OutboxEvent"/> as it travels over Redis: the outbox row's id, type, payload and time.</summary>
internal static class OutboxEventWire
{
    public static string Write(OutboxEvent e)
    {
        var (type, payload) = DomainEvents.Write(e.Event);
        return JsonSerializer.Serialize(new Message(e.OutboxId, type, payload, e.OccurredAt));
    }

    /// <summary>The event, or null for one this version cannot read (a newer writer's type, a damaged message).</summary>
    public static OutboxEvent? Read(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(text);
            if (message is null)
            {
                return null;
            }

            var domainEvent = DomainEvents.Read(new OutboxMessage { Type = message.Type, Payload = message.Payload });
            return domainEvent is null ? null : new OutboxEvent(message.Id, domainEvent, DateTime.SpecifyKind(message.At, DateTimeKind.Utc));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Message(long Id, string Type, string Payload, DateTime At);
}
