using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// One operation of a connection, by its id: its DI scope (for the execution that starts it; each
/// subscription event gets a scope of its own), its cancellation, and its subscription. Finished
/// exactly once, by whichever comes first: the client, the stream's end, or the connection's end.
/// </summary>
internal sealed class WebSocketOperation : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly AsyncServiceScope _scope;
    private IDisposable? _subscription;
    private int _finished;

    public WebSocketOperation(string id, IServiceScopeFactory scopes, CancellationToken connectionLifetime)
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

    /// <summary>Stops the stream and releases the scope (after <see cref="TryFinish"/>).</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already.
        }

        // Unlinks it from the connection's token, which outlives it.
        _cancellation.Dispose();

        _ = _scope.DisposeAsync().AsTask();
    }
}
