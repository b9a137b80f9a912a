using Graph.Api.Accounts;

namespace Graph.Api.Orders;

/// <summary>A customer's order, created by checkout as <see cref="OrderStatus.Placed"/>.</summary>
public sealed class Order
{
    public int Id { get; set; }

    /// <summary>The human-facing order number; unique.</summary>
    public required string Number { get; set; }

    public int CustomerId { get; set; }

    public User? Customer { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Placed;

    public decimal Subtotal { get; set; }

    public decimal Total { get; set; }

    public DateTime PlacedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The checkout's idempotency key; unique per customer.</summary>
    public required string IdempotencyKey { get; set; }

    public List<OrderLine> Lines { get; } = [];

    public List<OrderStatusChange> StatusChanges { get; } = [];

    public Payment? Payment { get; set; }
}
