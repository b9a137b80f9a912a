using System.Collections.Concurrent;
using Graph.AspNetCore.Execution;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// The operations of one GraphQL WebSocket, by id, and how many still count against
/// <see cref="GraphQLLimitsOptions.MaxOperationsPerSocket"/>. An id is free again as soon as its
/// operation is finished; its slot once both holders of the <see cref="ConnectionOperation"/> (the
/// connection and the run) have let go.
/// </summary>
internal sealed class WebSocketOperations
{
    private readonly ConcurrentDictionary<string, ConnectionOperation> _operations = new(StringComparer.Ordinal);
    private int _running;

    /// <summary>
    /// Whether <paramref name="max"/> operations run already and <paramref name="id"/> is not one of
    /// them (an id in use goes on to the protocol's duplicate handling). Only the reading loop adds
    /// operations, so the count cannot pass the limit between this check and the add.
    /// </summary>
    public bool IsFull(int max, string id) => max > 0 && Volatile.Read(ref _running) >= max && !_operations.ContainsKey(id);

    /// <summary>Registers an operation under its id; false when the id is in use.</summary>
    public bool TryAdd(ConnectionOperation operation)
    {
        if (!_operations.TryAdd(operation.Id, operation))
        {
            return false;
        }

        Interlocked.Increment(ref _running);
        return true;
    }

    /// <summary>Finishes the operation of an id the client completed, if it runs.</summary>
    public void Finish(string id)
    {
        if (_operations.TryGetValue(id, out var operation))
        {
            Finish(operation);
        }
    }

    /// <summary>Finishes an operation and lets go of it: nothing more is sent for it.</summary>
    public void Finish(ConnectionOperation operation)
    {
        if (TryFinish(operation))
        {
            Stop(operation);
        }
    }

    /// <summary>
    /// Marks an operation finished and frees its id; true for the one caller that does, which sends
    /// the operation's last message and then calls <see cref="Stop"/>.
    /// </summary>
    public bool TryFinish(ConnectionOperation operation)
    {
        if (!operation.TryFinish())
        {
            return false;
        }

        _operations.TryRemove(new KeyValuePair<string, ConnectionOperation>(operation.Id, operation));
        return true;
    }

    /// <summary>The connection lets go of a finished operation; its slot is free when its run has ended too.</summary>
    public void Stop(ConnectionOperation operation)
    {
        if (operation.Stop())
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>The run lets go of its operation (its scope is disposed); its slot is free when the connection has let go too.</summary>
    public async Task EndRunAsync(ConnectionOperation operation)
    {
        if (await operation.EndRunAsync().ConfigureAwait(false))
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Finishes every operation (the connection ends).</summary>
    public void FinishAll()
    {
        foreach (var operation in _operations.Values)
        {
            Finish(operation);
        }
    }
}
