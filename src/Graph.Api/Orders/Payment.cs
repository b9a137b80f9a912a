namespace Graph.Api.Orders;

/// <summary>The charge of an order at the payment gateway.</summary>
public sealed class Payment
{
    public int Id { get; set; }

    public int OrderId { get; set; }

    public decimal Amount { get; set; }

    public PaymentStatus Status { get; set; }

    /// <summary>The gateway's reference for the charge, used to refund it.</summary>
    public required string ProviderReference { get; set; }

    public DateTime CreatedAt { get; set; }
}
