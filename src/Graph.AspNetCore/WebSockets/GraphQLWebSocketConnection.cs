using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.Subscriptions;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// One GraphQL WebSocket connection, whatever its subprotocol: reading whole messages and parsing
/// them, the initialisation deadline, authentication, keep-alive, one operation per id, and sends
/// one at a time, within the connection's limits (<see cref="GraphQLLimitsOptions"/>: message size,
/// operations at once, bytes waiting for the client). A protocol (<c>WebSockets/&lt;Protocol&gt;/</c>)
/// maps its messages onto these.
/// </summary>
/// <remarks>
/// Messages are handled in the order they arrive. A subscription is registered with its event source
/// before the next message is read (so an operation sent after it on the same socket sees it in
/// place); queries and mutations run beside the reading, so a slow one never holds up a
/// <c>complete</c>. Protocol errors close the socket with their code; nothing a client sends can
/// fault the server.
/// </remarks>
[SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose; a late send (an event racing the close) must still be able to release it.")]
internal abstract partial class GraphQLWebSocketConnection<TSchema>
    where TSchema : ISchema
{
    // A send that takes longer means the client stopped reading: the connection is dropped (see HousekeepAsync).
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    // After our close frame, how long the client has to answer with its own.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly HttpContext _http;
    private readonly WebSocketConnectionServices<TSchema> _services;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationToken _lifetimeToken;
    private readonly CancellationTokenSource _receiving;
    private readonly ConcurrentDictionary<string, WebSocketOperation> _operations = new(StringComparer.Ordinal);
    private readonly PendingBytes _pending;
    private int _running;
    private int _tooSlow;
    private int _initialised;
    private int _closing;
    private long _sendStartedAt;

    protected GraphQLWebSocketConnection(WebSocket socket, HttpContext http, WebSocketConnectionServices<TSchema> services)
    {
        _socket = socket;
        _http = http;
        _services = services;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _lifetimeToken = _lifetime.Token;
        _receiving = CancellationTokenSource.CreateLinkedTokenSource(_lifetimeToken);
        _pending = new PendingBytes(services.Options.Limits.MaxPendingBytesPerConnection);
    }

    /// <summary>The connection's user: anonymous until <c>connection_init</c> is accepted.</summary>
    protected ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>The server options.</summary>
    protected GraphQLServerOptions Options => _services.Options;

    /// <summary>Whether <c>connection_init</c> was accepted (the connection is acknowledged).</summary>
    protected bool IsAcknowledged { get; private set; }

    /// <summary>The type of the message that carries a result (<c>next</c>, legacy <c>data</c>).</summary>
    protected abstract string ResultMessageType { get; }

    /// <summary>Serves the connection until either side closes it.</summary>
    public async Task RunAsync()
    {
        var deadline = EnforceInitialisationDeadlineAsync();
        try
        {
            await ReceiveAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away, or did not finish the close handshake in time.
        }
        catch (Exception ex)
        {
            LogUnexpected(_services.Logger, ex);
            await CloseAsync(WebSocketCloseCodes.InternalServerError, "Internal server error").ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _closing, 1);
            FinishAll();
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await deadline.ConfigureAwait(false);
            _receiving.Dispose();
            _lifetime.Dispose();
        }
    }

    /// <summary>Handles one parsed message.</summary>
    protected abstract Task OnMessageAsync(WebSocketMessage message);

    /// <summary>Sends the protocol's keep-alive message.</summary>
    protected abstract Task SendKeepAliveAsync();

    /// <summary>An operation id that is already in use arrived again.</summary>
    protected abstract Task OnDuplicateOperationAsync(string id, GraphQLRequest request);

    /// <summary>The credentials of <c>connection_init</c> were refused; the connection is closed next.</summary>
    protected virtual Task OnAuthenticationRefusedAsync() => Task.CompletedTask;

    /// <summary>
    /// Handles <c>connection_init</c>: a second one closes with 4429; credentials that are refused
    /// close with 4403; otherwise the connection is acknowledged and kept alive.
    /// </summary>
    protected async Task InitialiseAsync(JsonElement payload)
    {
        if (Interlocked.Exchange(ref _initialised, 1) != 0)
        {
            await CloseAsync(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests").ConfigureAwait(false);
            return;
        }

        var (user, expiresAt) = await AuthenticateAsync(payload).ConfigureAwait(false);
        if (user is null)
        {
            await OnAuthenticationRefusedAsync().ConfigureAwait(false);
            await CloseAsync(WebSocketCloseCodes.Forbidden, "Forbidden").ConfigureAwait(false);
            return;
        }

        User = user;
        IsAcknowledged = true;
        await SendAsync("connection_ack", null, null).ConfigureAwait(false);
        if (expiresAt is not null)
        {
            _ = CloseWhenExpiredAsync(expiresAt.Value);
        }

        _ = HousekeepAsync();
    }

    /// <summary>
    /// Starts an operation. A subscription is registered with its source before this returns; a
    /// query or mutation runs on while the connection reads on. One past
    /// <see cref="GraphQLLimitsOptions.MaxOperationsPerSocket"/> is refused with an <c>error</c>
    /// (<c>TOO_MANY_OPERATIONS</c>) for its id; the connection and its other operations go on.
    /// </summary>
    protected async Task StartOperationAsync(string id, GraphQLRequest request)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        // Only this (the reading) loop adds operations, so the count cannot pass the limit between
        // the check and the add; an id in use goes on to the protocol's duplicate handling.
        var max = Options.Limits.MaxOperationsPerSocket;
        if (max > 0 && Volatile.Read(ref _running) >= max && !_operations.ContainsKey(id))
        {
            var refused = new ExecutionError($"This connection runs {max} operations already; complete one first.") { Code = ErrorCodes.TooManyOperations };
            await SendAsync("error", id, new List<ExecutionError> { refused }).ConfigureAwait(false);
            return;
        }

        var operation = new WebSocketOperation(id, _services.Scopes, _lifetimeToken);
        if (!_operations.TryAdd(id, operation))
        {
            await operation.DiscardAsync().ConfigureAwait(false);
            await OnDuplicateOperationAsync(id, request).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _running);

        var prepared = _services.Executor.Prepare(request);
        operation.RunsToEnd = prepared.Operation?.Operation == OperationType.Mutation;
        var run = RunOperationAsync(operation, prepared);
        if (prepared.Operation?.Operation == OperationType.Subscription)
        {
            await run.ConfigureAwait(false);
        }
    }

    /// <summary>Stops an operation the client completed; nothing more is sent for it.</summary>
    protected void StopOperation(string id)
    {
        if (_operations.TryGetValue(id, out var operation))
        {
            Finish(operation);
        }
    }

    /// <summary>
    /// Closes the connection with a protocol close code: every operation stops, the close frame is
    /// sent, and the client has a few seconds to answer it.
    /// </summary>
    protected async Task CloseAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        FinishAll();
        var locked = false;
        try
        {
            locked = await _sendLock.WaitAsync(CloseHandshakeTimeout, _lifetimeToken).ConfigureAwait(false);
            if (locked && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_lifetimeToken);
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

    /// <summary>Reads a GraphQL request from a <c>subscribe</c> (or legacy <c>start</c>) payload; null with the reason when it is not one.</summary>
    protected GraphQLRequest? ReadRequest(JsonElement payload, out string? problem)
    {
        problem = payload.ValueKind != JsonValueKind.Object ? "the payload must be an object"
            : !HasQueryOrPersistedId(payload) ? (payload.TryGetProperty("query", out _) ? "the payload's 'query' must be a string" : "the payload needs a 'query' or a persisted id")
            : !IsNullishOr(payload, "variables", JsonValueKind.Object) ? "the payload's 'variables' must be an object or null"
            : !IsNullishOr(payload, "operationName", JsonValueKind.String) ? "the payload's 'operationName' must be a string or null"
            : !IsNullishOr(payload, "extensions", JsonValueKind.Object) ? "the payload's 'extensions' must be an object or null"
            : null;
        if (problem is not null)
        {
            return null;
        }

        try
        {
            return payload.Deserialize<GraphQLRequest>(_services.Json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            problem = "the payload is not a GraphQL request";
            return null;
        }
    }

    /// <summary>Sends a message; <paramref name="payload"/> is serialized with the GraphQL serializer.</summary>
    protected Task SendAsync(string type, string? id, object? payload) => SendAsync(type, id, payload, onlyWhileActive: null);

    /// <summary>A close reason as the protocol limits it: at most 123 bytes of UTF-8.</summary>
    protected static string LimitReason(string reason)
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

    private static bool HasQueryOrPersistedId(JsonElement payload) =>
        payload.TryGetProperty("query", out var query)
            ? query.ValueKind == JsonValueKind.String
            : (payload.TryGetProperty("documentId", out var documentId) && documentId.ValueKind == JsonValueKind.String)
                || (payload.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                    && extensions.TryGetProperty(PersistedOperationId.ExtensionKey, out _));

    private static bool IsNullishOr(JsonElement payload, string property, JsonValueKind kind) =>
        !payload.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null || value.ValueKind == kind;

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        // Zero turns the socket's own limit off; a message is then held to the HTTP body's limit.
        var limit = _services.Options.Limits.MaxSocketMessageSize;
        var max = limit > 0 ? limit : _services.Options.MaxRequestBodySize;
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _receiving.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (Interlocked.Exchange(ref _closing, 1) == 0 && _socket.State == WebSocketState.CloseReceived)
                {
                    // The client closes: answer with its own status.
                    FinishAll();
                    await SendCloseReplyAsync().ConfigureAwait(false);
                }

                return;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > max)
            {
                // Whatever else the client sends before the close handshake ends is read and dropped.
                await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {max} bytes").ConfigureAwait(false);
                buffer.ResetWrittenCount();
                continue;
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (Volatile.Read(ref _closing) == 0)
            {
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: binary frames are not supported").ConfigureAwait(false);
                }
                else
                {
                    await HandleAsync(buffer.WrittenMemory).ConfigureAwait(false);
                }
            }

            // A large message's buffer is not kept for the rest of a long-lived connection.
            if (buffer.Capacity > 64 * 1024)
            {
                buffer = new ArrayBufferWriter<byte>(4096);
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: not JSON").ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: a message must be a JSON object").ConfigureAwait(false);
                return;
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'type' must be a string").ConfigureAwait(false);
                return;
            }

            root.TryGetProperty("id", out var id);
            root.TryGetProperty("payload", out var payload);
            await OnMessageAsync(new WebSocketMessage(type.GetString()!, id, payload)).ConfigureAwait(false);
        }
    }

    private async Task RunOperationAsync(WebSocketOperation operation, PreparedRequest prepared)
    {
        try
        {
            await ExecuteOperationAsync(operation, prepared).ConfigureAwait(false);
        }
        finally
        {
            if (await operation.EndRunAsync().ConfigureAwait(false))
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private async Task ExecuteOperationAsync(WebSocketOperation operation, PreparedRequest prepared)
    {
        try
        {
            var result = await _services.Executor.ExecuteAsync(prepared, User, operation.Services, operation.Token).ConfigureAwait(false);
            if (operation.IsFinished)
            {
                return;
            }

            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Attach(streams.Values.First().Subscribe(new OperationObserver(this, operation)));
                return;
            }

            // A result that never reached execution, or a subscription refused when it started, is an
            // error of the operation; a query's or mutation's result (with or without errors) is data.
            var isSubscription = prepared.Operation?.Operation == OperationType.Subscription;
            if (!result.Executed || isSubscription)
            {
                await FinishWithAsync(operation, "error", ErrorsOf(result)).ConfigureAwait(false);
            }
            else
            {
                await SendAsync(ResultMessageType, operation.Id, result, operation).ConfigureAwait(false);
                await FinishWithAsync(operation, "complete", null).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            Finish(operation);
        }
        catch (Exception ex)
        {
            LogUnexpected(_services.Logger, ex);
            await FinishWithAsync(operation, "error", new List<ExecutionError> { new("An unexpected error occurred.") { Code = ErrorCodes.InternalServerError } }).ConfigureAwait(false);
        }
    }

    private static List<ExecutionError> ErrorsOf(ExecutionResult result) =>
        result.Errors is { Count: > 0 } errors
            ? [.. errors]
            : [new ExecutionError("The operation produced no result.") { Code = ErrorCodes.ExecutionError }];

    /// <summary>Finishes an operation from the server's side, with its last message.</summary>
    private async Task FinishWithAsync(WebSocketOperation operation, string type, List<ExecutionError>? errors)
    {
        if (!operation.TryFinish())
        {
            return;
        }

        _operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation));
        await SendAsync(type, operation.Id, errors, onlyWhileActive: null).ConfigureAwait(false);
        Stop(operation);
    }

    private void Finish(WebSocketOperation operation)
    {
        if (operation.TryFinish())
        {
            _operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation));
            Stop(operation);
        }
    }

    // The id is free again at once; the slot when the operation's run has ended too.
    private void Stop(WebSocketOperation operation)
    {
        if (operation.Stop())
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private void FinishAll()
    {
        foreach (var operation in _operations.Values)
        {
            Finish(operation);
        }
    }

    private async Task SendAsync(string type, string? id, object? payload, WebSocketOperation? onlyWhileActive)
    {
        var message = Serialize(type, id, payload);
        var size = message.WrittenCount;
        if (!_pending.TryAdd(size))
        {
            // The client does not read: the message is dropped, every operation stops, and the
            // close frame follows the send that hangs (or the socket is aborted when it never ends).
            if (Interlocked.Exchange(ref _tooSlow, 1) == 0)
            {
                LogClientTooSlow(_services.Logger, _services.Options.Limits.MaxPendingBytesPerConnection);
                _ = CloseAsync(WebSocketCloseCodes.ClientTooSlow, "The client does not read its messages");
            }

            return;
        }

        var locked = false;
        try
        {
            await _sendLock.WaitAsync(_lifetimeToken).ConfigureAwait(false);
            locked = true;

            // Checked under the lock: once an operation is finished, no message of it follows its last.
            if (onlyWhileActive?.IsFinished == true || Volatile.Read(ref _closing) != 0 || _socket.State != WebSocketState.Open)
            {
                return;
            }

            // Watched by the housekeeping loop rather than a timer per send: sends are many, stuck ones rare.
            Volatile.Write(ref _sendStartedAt, Stopwatch.GetTimestamp());
            await _socket.SendAsync(message.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _lifetimeToken).ConfigureAwait(false);
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
    }

    private void Abort()
    {
        Interlocked.Exchange(ref _closing, 1);
        TryCancel(_lifetime);
        _socket.Abort();
    }

    private ArrayBufferWriter<byte> Serialize(string type, string? id, object? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _services.Json.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteString("type", type);
        switch (payload)
        {
            case null:
                break;
            case ExecutionResult result:
                writer.WritePropertyName("payload");
                JsonSerializer.Serialize(writer, result, _services.Json);
                break;
            case List<ExecutionError> errors:
                writer.WritePropertyName("payload");
                writer.WriteStartArray();
                foreach (var error in errors)
                {
                    JsonSerializer.Serialize(writer, error, _services.Json);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WritePropertyName("payload");
                JsonSerializer.Serialize(writer, payload, payload.GetType(), _services.Json);
                break;
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    private async Task SendCloseReplyAsync()
    {
        var status = _socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
        try
        {
            await _sendLock.WaitAsync(CloseHandshakeTimeout, _lifetimeToken).ConfigureAwait(false);
            try
            {
                await _socket.CloseOutputAsync(status, _socket.CloseStatusDescription, _lifetimeToken).ConfigureAwait(false);
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

    private async Task EnforceInitialisationDeadlineAsync()
    {
        try
        {
            await Task.Delay(_services.Options.ConnectionInitTimeout, _services.Time, _lifetimeToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (Volatile.Read(ref _initialised) == 0)
        {
            await CloseAsync(WebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every tick: drops the connection when a send has been stuck longer than <see cref="SendTimeout"/>
    /// (the client stopped reading), else sends the protocol's keep-alive unless a send is under way.
    /// </summary>
    private async Task HousekeepAsync()
    {
        var keepAlive = _services.Options.KeepAliveInterval;
        using var timer = new PeriodicTimer(keepAlive > TimeSpan.Zero && keepAlive < SendTimeout ? keepAlive : SendTimeout, _services.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetimeToken).ConfigureAwait(false) && Volatile.Read(ref _closing) == 0)
            {
                var started = Volatile.Read(ref _sendStartedAt);
                if (started != 0 && Stopwatch.GetElapsedTime(started) > SendTimeout)
                {
                    Abort();
                    return;
                }

                if (keepAlive > TimeSpan.Zero && started == 0)
                {
                    _ = SendKeepAliveAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private async Task CloseWhenExpiredAsync(DateTimeOffset expiresAt)
    {
        try
        {
            await StreamingAuthentication.WhenExpiredAsync(expiresAt, _services.Time, _lifetimeToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await CloseAsync(WebSocketCloseCodes.Forbidden, "Forbidden: the token has expired").ConfigureAwait(false);
    }

    /// <summary>
    /// The user of <c>connection_init</c>: the token in its payload (<c>authorization</c> or
    /// <c>Authorization</c>, with or without <c>Bearer</c>) when there is one, else the upgrade
    /// request's user. Null when credentials were given and refused, or have expired.
    /// </summary>
    private async Task<(ClaimsPrincipal? User, DateTimeOffset? ExpiresAt)> AuthenticateAsync(JsonElement payload)
    {
        ClaimsPrincipal user;
        DateTimeOffset? expiresAt;
        if (TokenOf(payload) is { } token)
        {
            if (token.Length == 0 || _services.TokenValidator is not { } validator)
            {
                return (null, null);
            }

            ConnectionTokenValidation? validation;
            try
            {
                validation = await validator.ValidateAsync(token, _lifetimeToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A token the validator cannot even read is refused like any other bad token.
                LogTokenValidationFailed(_services.Logger, ex);
                return (null, null);
            }

            if (validation is null)
            {
                return (null, null);
            }

            (user, expiresAt) = (validation.User, validation.ExpiresAt ?? StreamingAuthentication.ExpiryClaim(validation.User));
        }
        else
        {
            (user, expiresAt, var failed) = await StreamingAuthentication.FromRequestAsync(_http).ConfigureAwait(false);
            if (failed)
            {
                return (null, null);
            }
        }

        return expiresAt is { } expiry && expiry <= _services.Time.GetUtcNow() ? (null, null) : (user, expiresAt);
    }

    private static string? TokenOf(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["authorization", "Authorization"])
        {
            if (payload.TryGetProperty(name, out var value))
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : string.Empty;
                return text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text["Bearer ".Length..].Trim() : text;
            }
        }

        return null;
    }

    private static void TryCancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection has ended already.
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection token validator failed; the connection is refused")]
    private static partial void LogTokenValidationFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A GraphQL WebSocket client does not read: more than {Limit} bytes waited for it, so the connection is closed (1013)")]
    private static partial void LogClientTooSlow(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL WebSocket connection failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    /// <summary>Delivers an operation's stream to the client, waiting for each write.</summary>
    private sealed class OperationObserver(GraphQLWebSocketConnection<TSchema> connection, WebSocketOperation operation) : IDeliveryObserver<ExecutionResult>
    {
        public ValueTask OnNextAsync(ExecutionResult value, CancellationToken cancellationToken) =>
            new(connection.SendAsync(connection.ResultMessageType, operation.Id, value, operation));

        public void OnNext(ExecutionResult value) => _ = OnNextAsync(value, CancellationToken.None).AsTask();

        public void OnError(Exception error) =>
            _ = connection.FinishWithAsync(operation, "error", [error as ExecutionError ?? new ExecutionError("The event stream failed.") { Code = ErrorCodes.InternalServerError }]);

        public void OnCompleted() => _ = connection.FinishWithAsync(operation, "complete", null);
    }
}
