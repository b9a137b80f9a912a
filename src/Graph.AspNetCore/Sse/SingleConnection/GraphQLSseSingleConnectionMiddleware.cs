using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Http.Errors;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Sse.SingleConnection;

/// <summary>
/// graphql-sse's single connection mode at the GraphQL endpoint: one event stream carries the
/// results of many operations, each sent as a request of its own.
/// <list type="bullet">
/// <item><c>PUT</c> reserves a stream: 201 with its token as <c>text/plain</c>. The reservation takes a
/// slot of the SSE stream limits (per client, per user, per instance) and is dropped when its stream
/// is not opened within <see cref="GraphQLServerOptions.SseReservationTimeout"/>.</item>
/// <item><c>GET</c> with the token (the <c>X-GraphQL-Event-Stream-Token</c> header, or a <c>token</c>
/// query parameter for <c>EventSource</c>) and <c>Accept: text/event-stream</c> opens it; the token is
/// the ticket, so this request needs no credentials. One stream per reservation (409 for a second);
/// when it closes, the reservation ends and its operations stop.</item>
/// <item><c>POST</c> (or a query's <c>GET</c>) with the token runs an operation named by
/// <c>extensions.operationId</c> (<see cref="SseOperationRunner{TSchema}"/>).</item>
/// <item><c>DELETE ?operationId=…</c> with the token stops one: 200.</item>
/// </list>
/// Operations run as the request that sends them is authenticated (as over HTTP), and only the user
/// who reserved the stream (or anyone, for an anonymous reservation) may run or stop them (403).
/// An unknown token is a 404. Requests without a token go on to GraphQL over HTTP.
/// </summary>
public sealed class GraphQLSseSingleConnectionMiddleware<TSchema>
    where TSchema : ISchema
{
    /// <summary>The header that carries a reservation's token.</summary>
    public const string TokenHeader = "X-GraphQL-Event-Stream-Token";

    private readonly RequestDelegate _next;
    private readonly GraphQLTransportDependencies<TSchema> _transport;
    private readonly SseOperationRunner<TSchema> _runner;

    /// <summary>Creates the middleware.</summary>
    public GraphQLSseSingleConnectionMiddleware(RequestDelegate next, GraphQLTransportDependencies<TSchema> transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _next = next;
        _transport = transport;
        _runner = new SseOperationRunner<TSchema>(transport.Executor, transport.Writer, transport.Json, transport.Options, transport.Scopes, transport.Time);
    }

    /// <summary>Serves a single-connection request, or passes the request on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var method = request.Method;
        if (!_transport.Options.EnableSseSingleConnection)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsPut(method))
        {
            await ReserveAsync(context).ConfigureAwait(false);
            return;
        }

        var token = TokenOf(request);
        if (token is null)
        {
            if (HttpMethods.IsDelete(method))
            {
                await _transport.Writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new InvalidRequestError($"DELETE stops an operation of a single-connection event stream: send the stream's token in {TokenHeader}.")).ConfigureAwait(false);
                return;
            }

            await _next(context).ConfigureAwait(false);
            return;
        }

        var reservation = _transport.Reservations.Find(token);
        var accepted = AcceptedMediaTypes.Negotiate(request.Headers.Accept);
        var mediaType = accepted.Json ?? GraphQLMediaTypes.Json;
        if (reservation is null)
        {
            await _transport.Writer.WriteErrorAsync(context, mediaType, SseErrors.StreamNotFound()).ConfigureAwait(false);
        }
        else if (HttpMethods.IsGet(method) && accepted.EventStreamAcceptable && !request.Query.ContainsKey("query"))
        {
            await OpenAsync(context, reservation).ConfigureAwait(false);
        }
        else if (HttpMethods.IsDelete(method))
        {
            await StopAsync(context, reservation).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPost(method) || (HttpMethods.IsGet(method) && _transport.Options.EnableGetRequests))
        {
            await ExecuteAsync(context, reservation, mediaType).ConfigureAwait(false);
        }
        else
        {
            context.Response.Headers.Allow = "GET, POST, DELETE";
            await _transport.Writer.WriteErrorAsync(context, mediaType, new MethodNotAllowedError($"The method {method} is not allowed for an event stream.")).ConfigureAwait(false);
        }
    }

    private static string? TokenOf(HttpRequest request)
    {
        var token = request.Headers[TokenHeader].ToString();
        if (token.Length == 0)
        {
            token = request.Query["token"].ToString();
        }

        return token.Length == 0 ? null : token;
    }

    private async Task ReserveAsync(HttpContext context)
    {
        // As over HTTP, a refused token reads as anonymous.
        var (user, _, _) = await StreamingAuthentication.FromRequestAsync(context).ConfigureAwait(false);
        var owner = ClientKeys.UserOf(user);
        var lease = _transport.Limiters.SseStreams.TryAcquire(ClientKeys.AddressOf(context), owner, out var refusal);
        if (lease is null)
        {
            await ConnectionRefusalResponse.WriteAsync(context, _transport.Serializer, refusal, "event streams").ConfigureAwait(false);
            return;
        }

        var reservation = _transport.Reservations.Reserve(owner, lease, _transport.Options.Limits.MaxPendingBytesPerConnection);
        var timeout = _transport.Options.SseReservationTimeout > TimeSpan.Zero ? _transport.Options.SseReservationTimeout : TimeSpan.FromSeconds(10);
        reservation.ExpireUnlessOpenedWithin(timeout, _transport.Time);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(reservation.Token, context.RequestAborted).ConfigureAwait(false);
    }

    // Writes the reservation's events until the client leaves or the reservation ends; either way the
    // reservation ends with it.
    private async Task OpenAsync(HttpContext context, SseReservation reservation)
    {
        if (!reservation.TryOpen(context.Abort))
        {
            await _transport.Writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new EventStreamError(ErrorCodes.StreamAlreadyOpen, "The event stream of this reservation is open already.", StatusCodes.Status409Conflict)).ConfigureAwait(false);
            return;
        }

        // The reservation counts what waits (events queue there before the stream opens), not the writer.
        var stream = new EventStreamWriter(context, maxPendingBytes: 0);
        using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var keepingAlive = Task.CompletedTask;
        try
        {
            await stream.StartAsync().ConfigureAwait(false);

            // Some browsers report an open EventSource only once a first chunk of the body arrives.
            await stream.WriteAsync(SseEvents.KeepAlive, context.RequestAborted).ConfigureAwait(false);
            keepingAlive = stream.KeepAliveAsync(_transport.Options.KeepAliveInterval, _transport.Time, keepAlive.Token);
            await foreach (var bytes in reservation.Events.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                reservation.Delivered(bytes.Length);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away, or the reservation ended and aborted the stream.
        }
        finally
        {
            reservation.End();
            await keepAlive.CancelAsync().ConfigureAwait(false);
            await keepingAlive.ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(HttpContext context, SseReservation reservation, string mediaType)
    {
        if (await AuthorizeAsync(context, reservation, mediaType).ConfigureAwait(false) is not var (user, expiresAt))
        {
            return;
        }

        var (request, readError) = await _transport.Reader.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null || request is null)
        {
            await _transport.Writer.WriteErrorAsync(context, mediaType, readError ?? new InvalidRequestError("The request could not be read.")).ConfigureAwait(false);
            return;
        }

        await _runner.RunAsync(context, reservation, request, user, expiresAt, mediaType).ConfigureAwait(false);
    }

    private async Task StopAsync(HttpContext context, SseReservation reservation)
    {
        if (await AuthorizeAsync(context, reservation, GraphQLMediaTypes.Json).ConfigureAwait(false) is null)
        {
            return;
        }

        var id = context.Request.Query["operationId"].ToString();
        if (id.Length == 0)
        {
            await _transport.Writer.WriteErrorAsync(context, GraphQLMediaTypes.Json, new InvalidRequestError("DELETE needs the 'operationId' query parameter of the operation to stop.")).ConfigureAwait(false);
            return;
        }

        // Stopping an operation that ended already (or never ran) is no error: the client's intent holds.
        reservation.Stop(id);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    // Only the user who reserved the stream may run or stop its operations: a token that leaked to
    // someone else must not let them act as its owner, nor the owner's results be mixed with theirs.
    private async Task<(ClaimsPrincipal User, DateTimeOffset? ExpiresAt)?> AuthorizeAsync(HttpContext context, SseReservation reservation, string mediaType)
    {
        var (user, expiresAt, _) = await StreamingAuthentication.FromRequestAsync(context).ConfigureAwait(false);
        var owner = ClientKeys.UserOf(user);
        if (reservation.Owner is not null && !string.Equals(owner, reservation.Owner, StringComparison.Ordinal))
        {
            await _transport.Writer.WriteErrorAsync(context, mediaType, new EventStreamError(AuthorizationError.NotAuthorized, "This event stream was reserved by another user.", StatusCodes.Status403Forbidden)).ConfigureAwait(false);
            return null;
        }

        return (user, expiresAt);
    }
}
