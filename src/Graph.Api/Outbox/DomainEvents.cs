using System.Text.Json;
using System.Text.Json.Serialization;
using Graph.Api.Data;
using Graph.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Outbox;

/// <summary>
/// Something that happened, written to the outbox in the transaction of the change that caused it
/// and published after commit. Its <see cref="Topic"/> is what subscribers listen on.
/// </summary>
public interface IDomainEvent
{
    string Topic { get; }
}

/// <summary>Checkout placed an order (staff dashboards listen to every one).</summary>
public sealed record OrderPlaced(int OrderId) : IDomainEvent
{
    [JsonIgnore]
    public string Topic => nameof(OrderPlaced);
}

/// <summary>An order moved from one status to another (its customer and staff listen to that order).</summary>
public sealed record OrderStatusChanged(int OrderId, OrderStatus From, OrderStatus To) : IDomainEvent
{
    [JsonIgnore]
    public string Topic => TopicFor(OrderId);

    public static string TopicFor(int orderId) => $"{nameof(OrderStatusChanged)}:{orderId}";
}

/// <summary>
/// A product's stock moved (sold, returned by a cancellation, restocked, created). Its category (0
/// in rows written before it was carried) says which section's list it may enter or leave.
/// </summary>
public sealed record ProductStockChanged(int ProductId, int Stock, int CategoryId = 0) : IDomainEvent
{
    [JsonIgnore]
    public string Topic => TopicFor(ProductId);

    public static string TopicFor(int productId) => $"{nameof(ProductStockChanged)}:{productId}";
}

/// <summary>
/// Staff created a product or changed its SKU, name, description, price or category: it may have
/// entered, left or moved in any list. <see cref="PreviousCategoryId"/> is the section it left, if it moved.
/// </summary>
public sealed record ProductChanged(int ProductId, int CategoryId, int? PreviousCategoryId) : IDomainEvent
{
    [JsonIgnore]
    public string Topic => $"{nameof(ProductChanged)}:{ProductId}";
}

/// <summary>A customer reviewed a product: its reviews, rating and review count changed.</summary>
public sealed record ReviewAdded(int ReviewId, int ProductId) : IDomainEvent
{
    [JsonIgnore]
    public string Topic => $"{nameof(ReviewAdded)}:{ProductId}";
}

/// <summary>Writes domain events to the outbox and reads them back.</summary>
public static class DomainEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Enum values as the API spells them (PLACED, CANCELLED).
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    // OutboxMessage.Type is the event's name; nameof keeps writer and reader on one spelling.
    private static readonly Dictionary<string, Type> Types = new(StringComparer.Ordinal)
    {
        [nameof(OrderPlaced)] = typeof(OrderPlaced),
        [nameof(OrderStatusChanged)] = typeof(OrderStatusChanged),
        [nameof(ProductStockChanged)] = typeof(ProductStockChanged),
        [nameof(ProductChanged)] = typeof(ProductChanged),
        [nameof(ReviewAdded)] = typeof(ReviewAdded),
    };

    /// <summary>Adds the event to the outbox; it is saved by the caller's next SaveChanges, in its transaction.</summary>
    public static void AddEvent(this ShopDbContext db, IDomainEvent domainEvent, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(domainEvent);
        var (type, payload) = Write(domainEvent);
        db.OutboxMessages.Add(new OutboxMessage { Type = type, Payload = payload, OccurredAt = occurredAt });
    }

    /// <summary>The event's name and JSON, as an outbox row (and the Redis backplane) holds them.</summary>
    public static (string Type, string Payload) Write(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        return (domainEvent.GetType().Name, JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Json));
    }

    /// <summary>
    /// Adds a <see cref="ProductStockChanged"/> for each product with its stock as the caller's
    /// transaction sees it now, after its own changes.
    /// </summary>
    public static async Task AddStockChangedEventsAsync(this ShopDbContext db, IEnumerable<int> productIds, DateTime occurredAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = productIds.Distinct().ToList();
        var stocks = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Stock, p.CategoryId }).ToListAsync(cancellationToken);
        foreach (var product in stocks)
        {
            db.AddEvent(new ProductStockChanged(product.Id, product.Stock, product.CategoryId), occurredAt);
        }
    }

    /// <summary>The event an outbox row holds; null for a type this version does not know.</summary>
    public static IDomainEvent? Read(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Types.TryGetValue(message.Type, out var type)
            ? (IDomainEvent?)JsonSerializer.Deserialize(message.Payload, type, Json)
            : null;
    }
}
