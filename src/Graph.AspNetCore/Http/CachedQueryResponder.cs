using System.Security.Cryptography;
using System.Text;
using Graph.AspNetCore.Caching;
using Graph.AspNetCore.Diagnostics;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.WarmUp;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Answers cacheable queries over HTTP from the <see cref="ResponseCache"/>: a hit is written as
/// stored (with its entity tag over GET, and 304 for a matching <c>If-None-Match</c>); a miss is
/// executed once for all the requests waiting on its key, with the request's reads recorded as tags,
/// and stored if it has no errors. Requests it does not take are executed as usual by the caller.
/// </summary>
internal sealed class CachedQueryResponder<TSchema>(
    GraphQLRequestExecutor<TSchema> executor,
    GraphQLResponseWriter writer,
    IGraphQLTextSerializer serializer,
    GraphQLServerOptions options,
    IServiceProvider services)
    where TSchema : ISchema
{
    /// <summary>The Development-only response header that says whether the cache answered: <c>HIT</c>, <c>MISS</c> or <c>STALE</c> (computed again after a wait).</summary>
    public const string CacheHeader = "X-Cache";

    private readonly ResponseCache _cache = services.GetRequiredService<ResponseCache>();
    private readonly ResponseCacheTelemetry? _telemetry = services.GetService<ResponseCacheTelemetry>();
    private readonly TSchema _schema = services.GetRequiredService<TSchema>();
    private readonly bool _development = services.GetService<IHostEnvironment>()?.IsDevelopment() == true;

    /// <summary>
    /// Answers a request from what the cache remembers of the same bytes (<see cref="ReceivedRequestKey"/>),
    /// before they are read as GraphQL, and says whether it did: what reading them found out the first
    /// time (the entry's key, whose requests may share it) holds for the same bytes every time.
    /// </summary>
    public async ValueTask<bool> TryServeReceivedAsync(HttpContext context, string requestKey)
    {
        if (context.IsWarmUpRequest() || !_cache.TryGetRequest(requestKey, out var answered) || CostReport.IsRequested(context))
        {
            return false;
        }

        var anonymous = IsAnonymous(context);
        if ((answered.Scope == ResponseCacheScope.AnonymousOnly && !anonymous)
            || executor.HasRulesToRunFor(answered.Document, context.User)
            || !_cache.TryGet(answered.Key, out var hit))
        {
            return false;
        }

        _telemetry?.Hit();
        await WriteAsync(context, answered.Persisted, hit, anonymous, "HIT").ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Answers the request if the cache may, and says whether it did. <paramref name="requestKey"/>,
    /// when given, is the key of the request's bytes, remembered with the result's key for
    /// <see cref="TryServeReceivedAsync"/>.
    /// </summary>
    public async Task<bool> TryServeAsync(HttpContext context, PreparedRequest prepared, string mediaType, string? requestKey)
    {
        if (!_cache.IsAvailable
            || context.IsWarmUpRequest() // it is there to run the code, and its answer is for nobody
            || prepared is not { Error: null, Document: { } document, Operation: { Operation: OperationType.Query } operation, ReportCost: false })
        {
            return false;
        }

        var anonymous = IsAnonymous(context);
        var scope = document.CacheScopeOf(_schema, operation);
        if (scope == ResponseCacheScope.None || (scope == ResponseCacheScope.AnonymousOnly && !anonymous))
        {
            return false;
        }

        var key = ResponseCacheKey.For(prepared, mediaType);
        var persisted = prepared.PersistedId is not null;
        if (requestKey is not null)
        {
            _cache.RememberRequest(requestKey, new AnsweredRequest(key, scope, persisted, document));
        }

        // A result computed for others may not answer a user a request rule would judge (staff before
        // their MFA enrolment): such a request runs, and its rules with it. Its own computation may
        // still be stored, since a result with errors never is.
        var judged = executor.HasRulesToRunFor(document, context.User);
        if (_cache.TryGet(key, out var hit))
        {
            if (judged)
            {
                return false;
            }

            _telemetry?.Hit();
            await WriteAsync(context, persisted, hit, anonymous, "HIT").ConfigureAwait(false);
            return true;
        }

        if (!_cache.BeginComputation(key, out var running, out var computation))
        {
            // Another request is computing this key: wait for it rather than run it again.
            var shared = await running.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            if (shared is not null && _cache.IsCurrent(shared) && !judged)
            {
                _telemetry?.Hit();
                await WriteAsync(context, persisted, shared, anonymous, "HIT").ConfigureAwait(false);
                return true;
            }

            // Its result had errors, or a change made it stale meanwhile: compute this one afresh.
            await ComputeAsync(context, prepared, mediaType, key, anonymous, null).ConfigureAwait(false);
            return true;
        }

        await ComputeAsync(context, prepared, mediaType, key, anonymous, computation).ConfigureAwait(false);
        return true;
    }

    private async Task ComputeAsync(HttpContext context, PreparedRequest prepared, string mediaType, string key, bool anonymous, TaskCompletionSource<CachedResponse?>? computation)
    {
        _telemetry?.Missed();
        CachedResponse? entry = null;
        try
        {
            var recorder = context.RequestServices.GetRequiredService<CacheTagRecorder>();
            recorder.Start();

            // Taken before anything is read: a change committed after this makes the result stale.
            var stamp = _cache.Stamp();
            var result = await executor.ExecuteAsync(prepared, context.User, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
            if (result.Executed && result.Errors is not { Count: > 0 })
            {
                entry = await SerializeAsync(result, mediaType, recorder.Tags, stamp, context.RequestAborted).ConfigureAwait(false);
            }

            if (entry is null)
            {
                await writer.WriteResultAsync(context, mediaType, result, ResponseCachingPolicy.Choose(context, prepared, result)).ConfigureAwait(false);
                return;
            }

            _cache.TryStore(key, entry);
            await WriteAsync(context, prepared.PersistedId is not null, entry, anonymous, computation is null ? "STALE" : "MISS").ConfigureAwait(false);
        }
        finally
        {
            if (computation is not null)
            {
                _cache.EndComputation(key, computation, entry);
            }
        }
    }

    // Null when the body is over the response limit: the usual writer then answers RESPONSE_TOO_LARGE.
    private async Task<CachedResponse?> SerializeAsync(ExecutionResult result, string mediaType, IReadOnlyCollection<string> tags, long stamp, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, cancellationToken).ConfigureAwait(false);
        var limit = options.Limits.MaxResponseSize;
        if (limit > 0 && buffer.Length > limit)
        {
            return null;
        }

        var contentType = GraphQLMediaTypes.ContentTypeFor(mediaType);
        var body = buffer.ToArray();
        return new CachedResponse(body, contentType, EntityTagOf(contentType, body), tags, stamp);
    }

    private async Task WriteAsync(HttpContext context, bool persisted, CachedResponse entry, bool anonymous, string outcome)
    {
        var response = context.Response;
        if (_development)
        {
            response.Headers[CacheHeader] = outcome;
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            if (anonymous && persisted)
            {
                ResponseCachingPolicy.ApplyPublic(response, options.PersistedOperations.MaxAge, entry.EntityTag);
            }
            else
            {
                ResponseCachingPolicy.ApplyRevalidate(response, entry.EntityTag);
            }

            if (ResponseCachingPolicy.IsNotModified(context.Request, entry.EntityTag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = entry.ContentType;
        response.ContentLength = entry.Body.Length;
        await response.Body.WriteAsync(entry.Body, context.RequestAborted).ConfigureAwait(false);
    }

    // The same tag GraphQLResponseWriter gives a public result: a hash of the content type and the body.
    private static string EntityTagOf(string contentType, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(contentType));
        hash.AppendData(body);
        return ResponseCachingPolicy.EntityTag(hash.GetHashAndReset());
    }

    private static bool IsAnonymous(HttpContext context) => ResponseCachingPolicy.IsAnonymous(context);
}
