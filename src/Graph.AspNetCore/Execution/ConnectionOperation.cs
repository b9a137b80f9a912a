using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// One operation of a long-lived connection that runs many (a WebSocket, a single-connection event
/// stream), by its id: its DI scope, its cancellation, and its subscription. Two parties hold it. The connection holds it until the operation is finished — by the client's
/// <c>complete</c>, the stream's end or the connection's end — after which nothing more is sent for
/// it. Its run holds it until the execution that starts it has returned, and owns the DI scope that
/// execution uses (each subscription event gets a scope of its own): the scope is disposed when the
/// run ends, never under a resolver still using it. The operation counts against the connection's
/// limit until both have let go.
/// </summary>
internal sealed class ConnectionOperation
{
    private readonly CancellationTokenSource _cancellation;
    private readonly AsyncServiceScope _scope;
    private IDisposable? _subscription;
    private int _finished;
    private int _holds = 2;

    public ConnectionOperation(string id, IServiceScopeFactory scopes, CancellationToken connectionLifetime)
    {
        Id = id;
        _scope = scopes.CreateAsyncScope();
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionLifetime);
        Token = _cancellation.Token;
    }

    public string Id { get; }

    public IServiceProvider Services => _scope.ServiceProvider;

    public CancellationToken Token { get; }

    public bool IsFinished => Volatile.Read(ref _finished) != 0;

    /// <summary>
    /// A mutation runs to its end once started even when the client completes it (it commits or
    /// rolls back whole, as over HTTP); only the connection's end cancels it.
    /// </summary>
    public bool RunsToEnd { get; set; }

    /// <summary>Keeps the subscription of the operation's stream; disposes it at once if the operation finished meanwhile.</summary>
    public void Attach(IDisposable subscription)
    {
        Volatile.Write(ref _subscription, subscription);
        if (IsFinished)
        {
            Interlocked.Exchange(ref _subscription, null)?.Dispose();
        }
    }

    /// <summary>Marks the operation finished; true for the one caller that finishes it.</summary>
    public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

    /// <summary>
    /// The connection lets go (after <see cref="TryFinish"/>): the stream stops and, unless the
    /// operation <see cref="RunsToEnd"/>, its execution is cancelled. True when the run had let go
    /// already, so the operation no longer counts.
    /// </summary>
    public bool Stop()
    {
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
        if (!RunsToEnd)
        {
            Cancel();
        }

        return Release();
    }

    /// <summary>The run lets go: its scope is disposed. True when the connection had let go already.</summary>
    public async ValueTask<bool> EndRunAsync()
    {
        await _scope.DisposeAsync().ConfigureAwait(false);
        return Release();
    }

    /// <summary>Releases an operation that was never started (its id was in use).</summary>
    public async ValueTask DiscardAsync()
    {
        await _scope.DisposeAsync().ConfigureAwait(false);
        _cancellation.Dispose();
    }

    private void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Both parties let go already.
        }
    }

    private bool Release()
    {
        if (Interlocked.Decrement(ref _holds) != 0)
        {
            return false;
        }

        // Unlinks it from the connection's token, which outlives it.
        _cancellation.Dispose();
        return true;
    }
}
