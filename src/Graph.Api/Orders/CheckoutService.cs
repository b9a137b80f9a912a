namespace Graph.Api.Orders;

/// <summary>
/// Checkout, all or nothing, in three steps: reserve (transaction 1: claim the key, take the stock,
/// price the cart), charge (the gateway, outside any transaction), confirm (transaction 2: the order).
/// A decline or a failed confirm puts the stock back and refunds whatever was charged.
/// </summary>
public sealed partial class CheckoutService(CheckoutSteps steps, IPaymentGateway gateway, TimeProvider time, ILogger<CheckoutService> logger)
{
    // How long a repeated request waits for the first one with its key (tok_slow alone takes 2 s).
    private static readonly TimeSpan ReplayWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public async Task<OrderPayload> CheckoutAsync(int userId, string idempotencyKey, string paymentToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > CheckoutAttempt.MaxKeyLength)
        {
            return OrderPayload.Failed(new InvalidIdempotencyKeyError(idempotencyKey));
        }

        var deadline = time.GetUtcNow() + ReplayWait;
        while (true)
        {
            switch (await steps.ReserveAsync(userId, idempotencyKey, cancellationToken))
            {
                case Reservation.Refused refused:
                    return OrderPayload.Failed(refused.Errors);
                case Reservation.Reserved reserved:
                    // From here on the client going away changes nothing: the checkout completes or is undone.
                    return await ChargeAndConfirmAsync(reserved.Attempt, paymentToken);
                case Reservation.Claimed { Attempt.OrderId: { } orderId } claimed:
                    return await ReplayAsync(claimed.Attempt, orderId, cancellationToken);
            }

            // The first request with this key is between its steps: wait for its outcome. If it fails,
            // its claim is gone and this request tries for itself.
            if (time.GetUtcNow() > deadline)
            {
                return OrderPayload.Failed(new CheckoutInProgressError(idempotencyKey));
            }

            while (await steps.FindAsync(userId, idempotencyKey, cancellationToken) is { OrderId: null } && time.GetUtcNow() <= deadline)
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
    }

    private async Task<OrderPayload> ReplayAsync(CheckoutAttempt attempt, int orderId, CancellationToken cancellationToken)
    {
        // After the first checkout the cart is empty (or still the same, if the replay raced it):
        // that is a replay. Anything else is a new cart under an old key.
        var cart = await steps.CartFingerprintAsync(attempt.UserId, cancellationToken);
        return cart.Length == 0 || cart == attempt.CartFingerprint
            ? OrderPayload.For(orderId)
            : OrderPayload.Failed(new IdempotencyKeyReusedError(attempt.IdempotencyKey));
    }

    private async Task<OrderPayload> ChargeAndConfirmAsync(CheckoutAttempt attempt, string paymentToken)
    {
        ChargeResult charge;
        try
        {
            charge = await gateway.ChargeAsync(new ChargeRequest(attempt.PaymentReference, attempt.Amount, paymentToken), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The outcome is unknown: ask the gateway, refund what it holds, put the stock back. When
            // it cannot say either, the claim stays for recovery, which asks again.
            if (await TryFindChargeAsync(attempt) is (true, var held))
            {
                await UndoAsync(attempt, held, exception);
            }

            throw;
        }

        if (!charge.Succeeded)
        {
            await steps.ReleaseAsync(attempt.Id, CancellationToken.None);
            return OrderPayload.Failed(new PaymentDeclinedError(charge.DeclineReason ?? "declined"));
        }

        try
        {
            return OrderPayload.For(await steps.ConfirmAsync(attempt, charge.ProviderReference!, CancellationToken.None));
        }
        catch (Exception exception)
        {
            await UndoAsync(attempt, charge.ProviderReference, exception);
            throw;
        }
    }

    // Compensation must not hide the original failure; what it cannot do now, start-up recovery does.
    private async Task UndoAsync(CheckoutAttempt attempt, string? providerReference, Exception cause)
    {
        LogUndoing(logger, cause, attempt.Id);
        try
        {
            if (providerReference is not null)
            {
                await gateway.RefundAsync(providerReference, CancellationToken.None);
            }

            await steps.ReleaseAsync(attempt.Id, CancellationToken.None);
        }
#pragma warning disable CA1031 // Logged; the attempt stays claimed and recovery finishes the job.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogUndoFailed(logger, exception, attempt.Id);
        }
    }

    private async Task<(bool Known, string? ProviderReference)> TryFindChargeAsync(CheckoutAttempt attempt)
    {
        try
        {
            return (true, await gateway.FindChargeAsync(attempt.PaymentReference, CancellationToken.None));
        }
#pragma warning disable CA1031 // The gateway cannot say: recovery asks again later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogUndoFailed(logger, exception, attempt.Id);
            return (false, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkout attempt {AttemptId} failed after reserving stock; undoing it")]
    private static partial void LogUndoing(ILogger logger, Exception exception, int attemptId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Undoing checkout attempt {AttemptId} failed; start-up recovery will release it")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, int attemptId);
}
