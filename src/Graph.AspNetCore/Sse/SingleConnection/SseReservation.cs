using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Sse.SingleConnection;

/// <summary>
/// One reserved event stream of graphql-sse's single connection mode: the token that admits it, the
/// user who reserved it, its slot in the SSE stream limits, the operations running on it by id, and
/// the events waiting to be written. Events queue from the moment the reservation exists (a result
/// may arrive before the stream is opened) and are written in order by the one stream that opens it.
/// At most <see cref="GraphQLLimitsOptions.MaxPendingBytesPerConnection"/> bytes may wait; past that
/// the reservation ends, its operations stop and its stream is aborted. It ends exactly once:
/// unopened by its deadline, when its stream closes, or on overflow; then its token is unknown.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The lifetime's token source has no timer and no link, so it holds nothing to release; disposing it would make a late operation's link to it throw.")]
internal sealed class SseReservation
{
    private readonly SseReservations _registry;
    private readonly ConnectionLease _lease;
    private readonly PendingBytes _pending;
    private readonly Channel<ReadOnlyMemory<byte>> _events = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<string, ConnectionOperation> _operations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Action? _abortStream;
    private ITimer? _deadline;
    private int _connected;
    private int _ended;

    public SseReservation(SseReservations registry, string token, string? owner, ConnectionLease lease, int maxPendingBytes)
    {
        _registry = registry;
        Token = token;
        Owner = owner;
        _lease = lease;
        _pending = new PendingBytes(maxPendingBytes);
        Lifetime = _lifetime.Token;
    }

    /// <summary>The token that admits the stream and every request about it.</summary>
    public string Token { get; }

    /// <summary>The user who reserved it (<see cref="ClientKeys.UserOf"/>), null when anonymous; only they may run or stop operations on it.</summary>
    public string? Owner { get; }

    /// <summary>Cancelled when the reservation ends.</summary>
    public CancellationToken Lifetime { get; }

    /// <summary>The events to write, in order; completed when the reservation ends.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Events => _events.Reader;

    /// <summary>How many operations run on it now.</summary>
    public int OperationCount
    {
        get
        {
            lock (_gate)
            {
                return _operations.Count;
            }
        }
    }

    /// <summary>Ends the reservation unless its stream is opened within <paramref name="timeout"/>.</summary>
    public void ExpireUnlessOpenedWithin(TimeSpan timeout, TimeProvider time) =>
        _deadline = time.CreateTimer(static state => ((SseReservation)state!).EndIfUnopened(), this, timeout, Timeout.InfiniteTimeSpan);

    /// <summary>Claims the reservation for the stream being opened; false when one has it already (or it ended).</summary>
    public bool TryOpen(Action abortStream)
    {
        if (Interlocked.CompareExchange(ref _connected, 1, 0) != 0 || Volatile.Read(ref _ended) != 0)
        {
            return false;
        }

        _deadline?.Dispose();
        Volatile.Write(ref _abortStream, abortStream);
        return true;
    }

    /// <summary>Queues an event; when too much waits already the reservation ends instead (false).</summary>
    public bool Send(ReadOnlyMemory<byte> bytes)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            return false;
        }

        if (!_pending.TryAdd(bytes.Length))
        {
            End();
            return false;
        }

        if (!_events.Writer.TryWrite(bytes))
        {
            _pending.Remove(bytes.Length);
            return false;
        }

        return true;
    }

    /// <summary>An event has been written out: its bytes no longer wait.</summary>
    public void Delivered(int bytes) => _pending.Remove(bytes);

    /// <summary>Registers an operation under its id, unless the id runs already or <paramref name="max"/> operations do.</summary>
    public (ConnectionOperation? Operation, bool TooMany) TryStart(string id, int max, IServiceScopeFactory scopes)
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _ended) != 0 || _operations.ContainsKey(id))
            {
                return (null, false);
            }

            if (max > 0 && _operations.Count >= max)
            {
                return (null, true);
            }

            var operation = new ConnectionOperation(id, scopes, Lifetime);
            _operations.Add(id, operation);
            return (operation, false);
        }
    }

    /// <summary>
    /// Finishes an operation that ran to its end (or failed): its last events (its <c>complete</c>)
    /// follow its results. Nothing is sent for one stopped already.
    /// </summary>
    public void Complete(ConnectionOperation operation, params ReadOnlySpan<ReadOnlyMemory<byte>> lastEvents)
    {
        if (!operation.TryFinish())
        {
            return;
        }

        foreach (var bytes in lastEvents)
        {
            Send(bytes);
        }

        Remove(operation);
    }

    /// <summary>Stops an operation the client no longer wants (DELETE); nothing more is sent for it.</summary>
    public void Stop(string id)
    {
        ConnectionOperation? operation;
        lock (_gate)
        {
            _operations.TryGetValue(id, out operation);
        }

        if (operation is not null && operation.TryFinish())
        {
            Remove(operation);
        }
    }

    /// <summary>Ends the reservation (once): its token is forgotten, its operations stop, its stream ends, its slot is given back.</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        _registry.Forget(this);
        _deadline?.Dispose();
        _events.Writer.TryComplete();
        List<ConnectionOperation> operations;
        lock (_gate)
        {
            operations = [.. _operations.Values];
            _operations.Clear();
        }

        foreach (var operation in operations)
        {
            operation.TryFinish();
            operation.Stop();
        }

        try
        {
            _lifetime.Cancel();
        }
        catch (AggregateException)
        {
            // A callback of an operation that was stopping failed; the reservation ends regardless.
        }

        // A stream stuck writing to a client that does not read learns of the end only this way.
        Volatile.Read(ref _abortStream)?.Invoke();
        _lease.Dispose();
    }

    private void EndIfUnopened()
    {
        if (Volatile.Read(ref _connected) == 0)
        {
            End();
        }
    }

    private void Remove(ConnectionOperation operation)
    {
        lock (_gate)
        {
            if (_operations.TryGetValue(operation.Id, out var current) && current == operation)
            {
                _operations.Remove(operation.Id);
            }
        }

        operation.Stop();
    }
}
