namespace Graph.Api.Orders;

/// <summary>One move of an order's status: from, to, when and by whom.</summary>
public sealed class OrderStatusChange
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    /// <summary>Null for the change that placed the order.</summary>
    public OrderStatus? From { get; set; }

    public OrderStatus To { get; set; }

    public DateTime At { get; set; }

    /// <summary>The user who made the change.</summary>
    public int? ByUserId { get; set; }
}
