namespace Graph.Api.Orders;

/// <summary>A payment is CAPTURED by checkout and REFUNDED when the order is cancelled.</summary>
public enum PaymentStatus
{
    Captured,
    Refunded,
}
