using System.Collections.Concurrent;

namespace Graph.Api.Orders;

/// <summary>
/// The embedded payment gateway, with card tokens in the style of well-known test cards:
/// <c>tok_visa</c> succeeds, <c>tok_chargeDeclined</c> is declined, <c>tok_slow</c> succeeds after
/// <see cref="SlowDelay"/>, anything else is declined as an invalid token. Charges live in memory.
/// </summary>
public sealed class PaymentSimulator(TimeProvider time) : IPaymentGateway
{
    public const string Visa = "tok_visa";
    public const string ChargeDeclined = "tok_chargeDeclined";
    public const string Slow = "tok_slow";

    private readonly ConcurrentDictionary<string, Lazy<Task<ChargeResult>>> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedCharge> _charges = new(StringComparer.Ordinal);

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Every successful charge, refunded or not.</summary>
    public IReadOnlyCollection<SimulatedCharge> Charges => [.. _charges.Values];

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Like a real gateway's idempotency key: a repeated reference gets the first answer.
        return _byReference.GetOrAdd(request.Reference, _ => new Lazy<Task<ChargeResult>>(() => DecideAsync(request))).Value;
    }

    public Task RefundAsync(string providerReference, CancellationToken cancellationToken)
    {
        if (!_charges.TryGetValue(providerReference, out var charge))
        {
            throw new InvalidOperationException($"No charge {providerReference} to refund.");
        }

        charge.Refunded = true;
        return Task.CompletedTask;
    }

    public Task<string?> FindChargeAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_charges.Values.FirstOrDefault(c => c.Reference == reference)?.ProviderReference);

    private async Task<ChargeResult> DecideAsync(ChargeRequest request)
    {
        switch (request.Token)
        {
            case Visa:
                return Capture(request);
            case Slow:
                await Task.Delay(SlowDelay, time).ConfigureAwait(false);
                return Capture(request);
            case ChargeDeclined:
                return ChargeResult.Declined("card_declined");
            default:
                return ChargeResult.Declined("invalid_token");
        }
    }

    private ChargeResult Capture(ChargeRequest request)
    {
        var charge = new SimulatedCharge("ch_sim_" + Guid.NewGuid().ToString("N"), request.Reference, request.Amount);
        _charges[charge.ProviderReference] = charge;
        return ChargeResult.Charged(charge.ProviderReference);
    }
}

public sealed class SimulatedCharge(string providerReference, string reference, decimal amount)
{
    public string ProviderReference { get; } = providerReference;

    public string Reference { get; } = reference;

    public decimal Amount { get; } = amount;

    public bool Refunded { get; set; }
}
