using System.Security.Claims;
using System.Text.Json;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Http.Errors;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Sse.SingleConnection;

/// <summary>
/// Runs an operation sent for a single-connection event stream. It is named by
/// <c>extensions.operationId</c>; once it runs, the request is answered 202 and its results go to the
/// stream as <c>next</c> events addressed to that id, then <c>complete</c>. A request that never
/// reaches execution (syntax, validation, variables, a limit, a refused subscription) is answered on
/// the request itself, as GraphQL over HTTP answers it. At most <c>MaxOperationsPerSocket</c>
/// operations run on one stream at once. A subscription ends when its client stops it (DELETE), when
/// the stream ends, or when the credentials it was sent with expire.
/// </summary>
internal sealed class SseOperationRunner<TSchema>(
    GraphQLRequestExecutor<TSchema> executor,
    GraphQLResponseWriter writer,
    JsonSerializerOptions json,
    GraphQLServerOptions options,
    IServiceScopeFactory scopes,
    TimeProvider time)
    where TSchema : ISchema
{
    /// <summary>Runs <paramref name="request"/> on <paramref name="reservation"/> as <paramref name="user"/>.</summary>
    public async Task RunAsync(HttpContext context, SseReservation reservation, GraphQLRequest request, ClaimsPrincipal user, DateTimeOffset? expiresAt, string mediaType)
    {
        if (request.Extensions?.TryGetValue("operationId", out var value) != true || value is not string { Length: > 0 } id)
        {
            await writer.WriteErrorAsync(context, mediaType, new InvalidRequestError("An operation for a single-connection event stream needs a string 'extensions.operationId' that its events will carry.")).ConfigureAwait(false);
            return;
        }

        var prepared = executor.Prepare(request) with { ReportCost = CostReport.IsRequested(context) };
        if (prepared.Operation?.Operation == OperationType.Mutation && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await writer.WriteErrorAsync(context, mediaType, new MethodNotAllowedError("Mutations cannot be sent with GET; use POST.")).ConfigureAwait(false);
            return;
        }

        var max = options.Limits.MaxOperationsPerSocket;
        var (operation, tooMany) = reservation.TryStart(id, max, scopes);
        if (operation is null)
        {
            await writer.WriteErrorAsync(context, mediaType, tooMany
                ? new EventStreamError(ErrorCodes.TooManyOperations, $"This event stream runs {max} operations already; stop one first.", StatusCodes.Status429TooManyRequests)
                : new EventStreamError(ErrorCodes.OperationIdInUse, $"The event stream runs an operation with the id '{id}' already.", StatusCodes.Status409Conflict)).ConfigureAwait(false);
            return;
        }

        // A mutation, once started, runs to its end even when it is stopped (DELETE): it commits or
        // rolls back whole. Its scope is this run's, disposed when the execution has returned.
        operation.RunsToEnd = prepared.Operation?.Operation == OperationType.Mutation;
        ExecutionResult result;
        try
        {
            result = await executor.ExecuteAsync(prepared, user, operation.Services, operation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Stopped while it ran: by DELETE (accepted, then stopped), or with its whole stream.
            await AnswerStoppedAsync(context, reservation, mediaType).ConfigureAwait(false);
            return;
        }
        catch
        {
            // Its id must not stay taken by an operation that will never end.
            reservation.Stop(id);
            throw;
        }
        finally
        {
            await operation.EndRunAsync().ConfigureAwait(false);
        }

        if (!result.Executed)
        {
            reservation.Stop(id);
            await writer.WriteResultAsync(context, mediaType, result).ConfigureAwait(false);
            return;
        }

        var observer = new SseOperationObserver(reservation, operation, json);
        if (result.Streams is { Count: > 0 } streams)
        {
            operation.Attach(streams.Values.First().Subscribe(observer));
            if (expiresAt is not null || user.Identity?.IsAuthenticated == true)
            {
                _ = EndWhenCredentialsEndAsync(observer, user, expiresAt, operation.Services, operation.Token);
            }
        }
        else
        {
            observer.OnNext(result);
            observer.End(null);
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private async Task AnswerStoppedAsync(HttpContext context, SseReservation reservation, string mediaType)
    {
        if (reservation.Lifetime.IsCancellationRequested)
        {
            await writer.WriteErrorAsync(context, mediaType, SseErrors.StreamNotFound()).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    // As on a stream of its own: the subscription ends, with an error saying why, when the
    // credentials it was sent with expire or are revoked.
    private async Task EndWhenCredentialsEndAsync(SseOperationObserver observer, ClaimsPrincipal user, DateTimeOffset? expiresAt, IServiceProvider services, CancellationToken stopped)
    {
        bool revoked;
        try
        {
            revoked = await StreamingAuthentication.WhenCredentialsEndAsync(user, expiresAt, services, time, stopped).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        observer.End(StreamingAuthentication.EndedError(revoked));
    }
}
