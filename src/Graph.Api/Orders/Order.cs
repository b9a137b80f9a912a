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

    /// <summary>A new order for lines already reserved and paid for, with its first status change and its payment.</summary>
    public static Order Place(int customerId, string number, string idempotencyKey, IEnumerable<OrderLine> lines, string paymentReference, DateTime at)
    {
        var order = new Order
        {
            Number = number,
            CustomerId = customerId,
            IdempotencyKey = idempotencyKey,
            Status = OrderStatus.Placed,
            PlacedAt = at,
            UpdatedAt = at,
        };
        order.Lines.AddRange(lines);
        order.Subtotal = order.Lines.Sum(l => l.LineTotal);
        order.Total = order.Subtotal;
        order.StatusChanges.Add(new OrderStatusChange { From = null, To = OrderStatus.Placed, At = at, ByUserId = customerId });
        order.Payment = new Payment { Amount = order.Total, Status = PaymentStatus.Captured, ProviderReference = paymentReference, CreatedAt = at };
        return order;
    }

    /// <summary>
    /// Moves the order along its lifecycle (src/Graph.Api/README.md: PLACED → PREPARING → SHIPPED → DELIVERED, and
    /// CANCELLED from PLACED or PREPARING) and records the change; any other move is refused.
    /// </summary>
    public InvalidStatusTransitionError? MoveTo(OrderStatus to, int byUserId, DateTime at)
    {
        if (!CanMove(Status, to))
        {
            return new InvalidStatusTransitionError(Status, to);
        }

        StatusChanges.Add(new OrderStatusChange { OrderId = Id, From = Status, To = to, At = at, ByUserId = byUserId });
        Status = to;
        UpdatedAt = at;
        return null;
    }

    /// <summary>A customer cancels their own order only while it is PLACED; staff also while PREPARING.</summary>
    public InvalidStatusTransitionError? Cancel(int byUserId, bool byStaff, DateTime at) =>
        byStaff || Status == OrderStatus.Placed
            ? MoveTo(OrderStatus.Cancelled, byUserId, at)
            : new InvalidStatusTransitionError(Status, OrderStatus.Cancelled);

    public static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.Placed, OrderStatus.Preparing) => true,
        (OrderStatus.Preparing, OrderStatus.Shipped) => true,
        (OrderStatus.Shipped, OrderStatus.Delivered) => true,
        (OrderStatus.Placed or OrderStatus.Preparing, OrderStatus.Cancelled) => true,
        _ => false,
    };
}
