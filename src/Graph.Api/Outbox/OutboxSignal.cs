namespace Graph.Api.Outbox;

/// <summary>
/// Wakes the <see cref="OutboxDispatcher"/> as soon as a change that wrote outbox rows is committed,
/// so events go out without waiting for the next poll. Only a hint: the dispatcher reads committed
/// rows, so a nudge before the commit finds nothing and the commit's own nudge follows.
/// </summary>
public sealed class OutboxSignal : OutboxCommitInterceptor<OutboxSignal.Change>, IDisposable
{
    private readonly SemaphoreSlim _nudges = new(0, 1);

    /// <summary>Wakes the dispatcher (once, however often it is called before it wakes).</summary>
    public void Nudge()
    {
        try
        {
            _nudges.Release();
        }
        catch (SemaphoreFullException)
        {
            // A nudge is already waiting.
        }
    }

    public void Dispose() => _nudges.Dispose();

    /// <summary>Waits for a nudge or the interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => _nudges.WaitAsync(interval, cancellationToken);

    protected override void Collect(Change pending, OutboxMessage message)
    {
        // That the change wrote an event is all a nudge needs.
    }

    protected override void Committed(Change pending) => Nudge();

    /// <summary>A change that wrote events (nothing more is kept of it).</summary>
    public sealed class Change;
}
