using System.Net.WebSockets;
using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// One GraphQL WebSocket connection, whatever its subprotocol: the messages both protocols share
/// (<c>connection_init</c>, an operation's start and stop), the initialisation deadline, and each
/// operation's run, within the connection's limits (<see cref="GraphQLLimitsOptions"/>: message size,
/// operations at once, bytes waiting for the client). Its parts: <see cref="WebSocketMessageReader"/>
/// (frames into messages), <see cref="WebSocketChannel"/> (locked sends, the close handshake),
/// <see cref="WebSocketMessageWriter"/>, <see cref="ConnectionInitAuthenticator"/>,
/// <see cref="WebSocketTimers"/> and <see cref="WebSocketOperations"/>. A protocol
/// (<c>WebSockets/&lt;Protocol&gt;/</c>) maps its messages onto these.
/// </summary>
/// <remarks>
/// Messages are handled in the order they arrive. A subscription is registered with its event source
/// before the next message is read (so an operation sent after it on the same socket sees it in
/// place); queries and mutations run beside the reading, so a slow one never holds up a
/// <c>complete</c>. Protocol errors close the socket with their code; nothing a client sends can
/// fault the server.
/// </remarks>
internal abstract partial class GraphQLWebSocketConnection<TSchema>
    where TSchema : ISchema
{
    private readonly HttpContext _http;
    private readonly WebSocketConnectionServices<TSchema> _services;
    private readonly WebSocketChannel _channel;
    private readonly WebSocketMessageReader _reader;
    private readonly WebSocketOperations _operations = new();
    private int _initialised;

    protected GraphQLWebSocketConnection(WebSocket socket, HttpContext http, WebSocketConnectionServices<TSchema> services)
    {
        _http = http;
        _services = services;
        _channel = new WebSocketChannel(socket, services.Options.Limits.MaxPendingBytesPerConnection, http.RequestAborted);

        // Zero turns the socket's own limit off; a message is then held to the HTTP body's limit.
        var limit = services.Options.Limits.MaxSocketMessageSize;
        _reader = new WebSocketMessageReader(socket, limit > 0 ? limit : services.Options.MaxRequestBodySize);
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
            _channel.TryBeginClosing();
            _operations.FinishAll();
            await _channel.CancelAsync().ConfigureAwait(false);
            await deadline.ConfigureAwait(false);
            _channel.End();
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

    /// <summary>The connection was acknowledged (<c>connection_ack</c> sent).</summary>
    protected virtual Task OnAcknowledgedAsync() => Task.CompletedTask;

    /// <summary>
    /// Handles <c>connection_init</c>: a payload that is not an object closes with 4400, a second
    /// one with 4429, refused credentials with 4403; otherwise the connection is acknowledged and kept alive.
    /// </summary>
    protected async Task InitialiseAsync(WebSocketMessage message)
    {
        if (!message.PayloadIsObjectOrNullish)
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: 'connection_init' expects an object payload").ConfigureAwait(false);
            return;
        }

        if (Interlocked.Exchange(ref _initialised, 1) != 0)
        {
            await CloseAsync(WebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests").ConfigureAwait(false);
            return;
        }

        var (user, expiresAt) = await _services.Authenticator.AuthenticateAsync(message.Payload, _http, _channel.Lifetime).ConfigureAwait(false);
        if (user is null)
        {
            await OnAuthenticationRefusedAsync().ConfigureAwait(false);
            await CloseAsync(WebSocketCloseCodes.Forbidden, "Forbidden").ConfigureAwait(false);
            return;
        }

        User = user;
        IsAcknowledged = true;
        await SendAsync("connection_ack", null, null).ConfigureAwait(false);
        if (expiresAt is not null || user.Identity?.IsAuthenticated == true)
        {
            _ = CloseWhenCredentialsEndAsync(user, expiresAt);
        }

        _ = WebSocketTimers.HousekeepAsync(_channel, Options.KeepAliveInterval, _services.Time, SendKeepAliveAsync);
        await OnAcknowledgedAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Handles <c>subscribe</c> (legacy <c>start</c>): its id and payload are checked (4400), the
    /// connection must be acknowledged (4401), and the operation starts.
    /// </summary>
    protected async Task SubscribeAsync(WebSocketMessage message)
    {
        var id = message.IdString;
        if (string.IsNullOrEmpty(id))
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, $"Invalid message received: '{message.Type}' requires a non-empty string 'id'").ConfigureAwait(false);
            return;
        }

        var request = SubscribePayload.Read(message.Payload, _services.Json, out var problem);
        if (request is null)
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, $"Invalid message received: {problem}").ConfigureAwait(false);
            return;
        }

        if (!IsAcknowledged)
        {
            await CloseAsync(WebSocketCloseCodes.Unauthorized, "Unauthorized").ConfigureAwait(false);
            return;
        }

        await StartOperationAsync(id, request).ConfigureAwait(false);
    }

    /// <summary>Handles <c>complete</c> (legacy <c>stop</c>): the operation of its id stops; nothing more is sent for it.</summary>
    protected async Task CompleteAsync(WebSocketMessage message)
    {
        if (string.IsNullOrEmpty(message.IdString))
        {
            await CloseAsync(WebSocketCloseCodes.BadRequest, $"Invalid message received: '{message.Type}' requires a non-empty string 'id'").ConfigureAwait(false);
            return;
        }

        _operations.Finish(message.IdString);
    }

    /// <summary>A message the protocol does not know closes the connection with 4400.</summary>
    protected Task RefuseAsync(WebSocketMessage message) =>
        CloseAsync(WebSocketCloseCodes.BadRequest, $"Invalid message received: unexpected type '{message.Type}'");

    /// <summary>
    /// Closes the connection with a protocol close code: every operation stops, the close frame is
    /// sent, and the client has a few seconds to answer it.
    /// </summary>
    protected async Task CloseAsync(int code, string reason)
    {
        if (!_channel.TryBeginClosing())
        {
            return;
        }

        _operations.FinishAll();
        await _channel.SendCloseAsync(code, reason).ConfigureAwait(false);
    }

    /// <summary>Sends a message; <paramref name="payload"/> is serialized with the GraphQL serializer.</summary>
    protected Task SendAsync(string type, string? id, object? payload) => SendAsync(type, id, payload, onlyWhileActive: null);

    private async Task SendAsync(string type, string? id, object? payload, ConnectionOperation? onlyWhileActive)
    {
        var message = WebSocketMessageWriter.Serialize(type, id, payload, _services.Json);
        if (!await _channel.SendAsync(message, onlyWhileActive).ConfigureAwait(false))
        {
            // The client does not read: every operation stops and the connection closes.
            LogClientTooSlow(_services.Logger, Options.Limits.MaxPendingBytesPerConnection);
            _ = CloseAsync(WebSocketCloseCodes.ClientTooSlow, "The client does not read its messages");
        }
    }

    private async Task ReceiveAsync()
    {
        while (true)
        {
            switch (await _reader.ReceiveAsync(_channel.Receiving).ConfigureAwait(false))
            {
                case WebSocketReceived.Ended:
                    return;
                case WebSocketReceived.Close:
                    if (_channel.TryBeginClosing() && _channel.IsCloseReceived)
                    {
                        // The client closes: answer with its own status.
                        _operations.FinishAll();
                        await _channel.ReplyToCloseAsync().ConfigureAwait(false);
                    }

                    return;
                case WebSocketReceived.TooBig:
                    // Whatever else the client sends before the close handshake ends is read and dropped.
                    await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {_reader.MaxMessageSize} bytes").ConfigureAwait(false);
                    continue;
                case WebSocketReceived.Binary when !_channel.IsClosing:
                    await CloseAsync(WebSocketCloseCodes.BadRequest, "Invalid message received: binary frames are not supported").ConfigureAwait(false);
                    break;
                case WebSocketReceived.Text when !_channel.IsClosing:
                    await HandleAsync(_reader.Message).ConfigureAwait(false);
                    break;
            }

            _reader.Release();
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> frame)
    {
        var parsed = WebSocketMessageReader.TryParse(frame, out var document, out var message, out var problem);
        using (document)
        {
            await (parsed
                ? OnMessageAsync(message)
                : CloseAsync(WebSocketCloseCodes.BadRequest, $"Invalid message received: {problem}")).ConfigureAwait(false);
        }
    }

    private async Task EnforceInitialisationDeadlineAsync()
    {
        var timer = Task.Delay(Options.ConnectionInitTimeout, _services.Time, _channel.Lifetime);
        if (await WebSocketTimers.ElapsedAsync(timer).ConfigureAwait(false) && Volatile.Read(ref _initialised) == 0)
        {
            await CloseAsync(WebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout").ConfigureAwait(false);
        }
    }

    // Expired or revoked (signed out everywhere, a role or password changed), the connection closes with 4403.
    private async Task CloseWhenCredentialsEndAsync(ClaimsPrincipal user, DateTimeOffset? expiresAt)
    {
        var ended = StreamingAuthentication.WhenCredentialsEndAsync(user, expiresAt, _http.RequestServices, _services.Time, _channel.Lifetime);
        if (await WebSocketTimers.ElapsedAsync(ended).ConfigureAwait(false))
        {
            var reason = ended.Result ? "Forbidden: the token has been revoked" : "Forbidden: the token has expired";
            await CloseAsync(WebSocketCloseCodes.Forbidden, reason).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A GraphQL WebSocket client does not read: more than {Limit} bytes waited for it, so the connection is closed (1013)")]
    private static partial void LogClientTooSlow(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL WebSocket connection failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
