using Graph.AspNetCore.Mutations;

namespace Graph.Api.Orders;

public sealed record EmptyCartError : IPayloadError
{
    public string Message => "The cart is empty.";
}

public sealed record OutOfStockError(int ProductId, int Requested, int Available) : IPayloadError
{
    public string Message => $"Only {Available} left in stock; {Requested} requested.";
}

/// <summary>The gateway refused the charge; <see cref="Reason"/> is its decline code (e.g. <c>card_declined</c>).</summary>
public sealed record PaymentDeclinedError(string Reason) : IPayloadError
{
    public string Message => $"The payment was declined ({Reason}).";
}

public sealed record IdempotencyKeyReusedError(string IdempotencyKey) : IPayloadError
{
    public string Message => "This idempotency key was already used for a different cart.";
}

public sealed record InvalidIdempotencyKeyError(string IdempotencyKey) : IPayloadError
{
    public string Message => $"An idempotency key has 1 to {CheckoutAttempt.MaxKeyLength} characters.";
}

/// <summary>Another request with the same key is still checking out and did not finish in time.</summary>
public sealed record CheckoutInProgressError(string IdempotencyKey) : IPayloadError
{
    public string Message => "A checkout with this idempotency key is still in progress; try again shortly.";
}
