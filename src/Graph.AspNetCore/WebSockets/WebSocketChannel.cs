using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// The sending side of a GraphQL WebSocket and its lifetime: one send at a time under a lock, the
/// bytes that wait for the client bounded by <see cref="GraphQLLimitsOptions.MaxPendingBytesPerConnection"/>,
/// the start of the send under way (watched by <see cref="WebSocketTimers.HousekeepAsync"/>), the
/// close handshake, and the tokens that end the connection and its reading.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose; a late send (an event racing the close) must still be able to release it. The token sources are disposed by End.")]
internal sealed class WebSocketChannel
{
    // After our close frame, how long the client has to answer with its own.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationTokenSource _receiving;
    private readonly PendingBytes _pending;
    private int _tooSlow;
    private int _closing;
    private long _sendStartedAt;

    public WebSocketChannel(WebSocket socket, int maxPendingBytes, CancellationToken requestAborted)
    {
        _socket = socket;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        Lifetime = _lifetime.Token;
        _receiving = CancellationTokenSource.CreateLinkedTokenSource(Lifetime);
        _pending = new PendingBytes(maxPendingBytes);
    }

    /// <summary>Cancelled when the connection ends, whichever way.</summary>
    public CancellationToken Lifetime { get; }

    /// <summary>Cancelled when the connection ends, or the client does not finish a close handshake in time.</summary>
    public CancellationToken Receiving => _receiving.Token;

    /// <summary>Whether the connection is closing: nothing more is sent or started.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Whether the client's close frame has arrived and ours has not been sent.</summary>
    public bool IsCloseReceived => _socket.State == WebSocketState.CloseReceived;

    /// <summary>When the send under way started (<see cref="Stopwatch.GetTimestamp"/>), or 0 when none is.</summary>
    public long SendStartedAt => Volatile.Read(ref _sendStartedAt);

    /// <summary>Marks the connection closing; true for the one caller that does it first.</summary>
    public bool TryBeginClosing() => Interlocked.Exchange(ref _closing, 1) == 0;

    /// <summary>
    /// Sends one serialized message. False only for the first message that found too many bytes
    /// waiting for the client: it is dropped, and the caller closes the connection.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="onlyWhileActive">An operation whose messages stop once it is finished (checked under the lock).</param>
    public async Task<bool> SendAsync(ArrayBufferWriter<byte> message, ConnectionOperation? onlyWhileActive)
    {
        var size = message.WrittenCount;
        if (!_pending.TryAdd(size))
        {
            // The client does not read: the message is dropped and the close frame follows the send
            // that hangs (or the socket is aborted when it never ends).
            return Interlocked.Exchange(ref _tooSlow, 1) != 0;
        }

        var locked = false;
        try
        {
            await _sendLock.WaitAsync(Lifetime).ConfigureAwait(false);
            locked = true;

            // Checked under the lock: once an operation is finished, no message of it follows its last.
            if (onlyWhileActive?.IsFinished == true || IsClosing || _socket.State != WebSocketState.Open)
            {
                return true;
            }

            // Watched by the housekeeping loop rather than a timer per send: sends are many, stuck ones rare.
            Volatile.Write(ref _sendStartedAt, Stopwatch.GetTimestamp());
            await _socket.SendAsync(message.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, Lifetime).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (or stopped reading and was aborted): the connection ends.
            Abort();
        }
        finally
        {
            if (locked)
            {
                Volatile.Write(ref _sendStartedAt, 0);
                _sendLock.Release();
            }

            _pending.Remove(size);
        }

        return true;
    }

    /// <summary>
    /// Sends the close frame (once <see cref="TryBeginClosing"/> has been won) and gives the client a
    /// few seconds to answer it; a socket that cannot take the frame is aborted.
    /// </summary>
    public async Task SendCloseAsync(int code, string reason)
    {
        var locked = false;
        try
        {
            locked = await _sendLock.WaitAsync(CloseHandshakeTimeout, Lifetime).ConfigureAwait(false);
            if (locked && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Lifetime);
                timeout.CancelAfter(CloseHandshakeTimeout);
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, LimitReason(reason), timeout.Token).ConfigureAwait(false);
            }
            else if (!locked)
            {
                _socket.Abort();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
        finally
        {
            if (locked)
            {
                _sendLock.Release();
            }

            TryCancelAfter(_receiving, CloseHandshakeTimeout);
        }
    }

    /// <summary>Answers the client's close frame with its own status.</summary>
    public async Task ReplyToCloseAsync()
    {
        var status = _socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
        try
        {
            await _sendLock.WaitAsync(CloseHandshakeTimeout, Lifetime).ConfigureAwait(false);
            try
            {
                await _socket.CloseOutputAsync(status, _socket.CloseStatusDescription, Lifetime).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    /// <summary>Ends the connection at once, without a close handshake.</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closing, 1);
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection has ended already.
        }

        _socket.Abort();
    }

    /// <summary>Cancels <see cref="Lifetime"/>: everything still running for the connection stops.</summary>
    public Task CancelAsync() => _lifetime.CancelAsync();

    /// <summary>Releases the token sources once nothing of the connection runs any more.</summary>
    public void End()
    {
        _receiving.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>A close reason as the protocol limits it: at most 123 bytes of UTF-8.</summary>
    public static string LimitReason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }

        var length = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 120)
        {
            length--;
        }

        return string.Concat(reason.AsSpan(0, length), "...");
    }

    private static void TryCancelAfter(CancellationTokenSource source, TimeSpan delay)
    {
        try
        {
            source.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // The connection has ended already.
        }
    }
}
