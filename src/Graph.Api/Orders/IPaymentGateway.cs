namespace Graph.Api.Orders;

/// <summary>
/// The payment provider behind checkout and cancellation. The embedded default is
/// <see cref="PaymentSimulator"/>; a real gateway plugs in behind the same interface.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>
    /// Charges the amount to the card token. <see cref="ChargeRequest.Reference"/> is the gateway's
    /// idempotency key: the same reference never charges twice.
    /// </summary>
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Refunds a charge in full; refunding it again changes nothing.</summary>
    Task RefundAsync(string providerReference, CancellationToken cancellationToken);

    /// <summary>
    /// The provider reference of the charge made under our reference, or null when there is none:
    /// how recovery learns whether a checkout that died between charge and confirm had charged.
    /// </summary>
    Task<string?> FindChargeAsync(string reference, CancellationToken cancellationToken);
}

public sealed record ChargeRequest(string Reference, decimal Amount, string Token);

/// <summary>A charge made (<see cref="ProviderReference"/>) or declined (<see cref="DeclineReason"/>).</summary>
public sealed record ChargeResult(string? ProviderReference, string? DeclineReason)
{
    public bool Succeeded => ProviderReference is not null;

    public static ChargeResult Charged(string providerReference) => new(providerReference, null);

    public static ChargeResult Declined(string reason) => new(null, reason);
}
