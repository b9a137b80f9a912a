using System.Diagnostics.CodeAnalysis;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.Sse;

/// <summary>
/// Writes the events of one <c>text/event-stream</c> response, one at a time, each flushed. A client
/// that does not read has at most <see cref="GraphQLLimitsOptions.MaxPendingBytesPerConnection"/>
/// bytes waiting for it; past that its response is aborted.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose; disposing it under a late writer would only turn that writer's release into an exception.")]
internal sealed class EventStreamWriter(HttpContext context, int maxPendingBytes)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly PendingBytes _pending = new(maxPendingBytes);

    /// <summary>Sends the headers: 200, the event-stream type, no caching, no proxy buffering.</summary>
    public async Task StartAsync()
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = AcceptedMediaTypes.EventStream + "; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes and flushes; when the client has too much waiting already, aborts the response instead.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (!_pending.TryAdd(bytes.Length))
        {
            // The client does not read: the connection goes, which cancels RequestAborted and so
            // ends its operations; the writer learns it as a client that went away.
            context.Abort();
            throw new OperationCanceledException("The client does not read its event stream.");
        }

        try
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }
        }
        finally
        {
            _pending.Remove(bytes.Length);
        }
    }

    /// <summary>Writes the keep-alive comment every <paramref name="interval"/> until cancelled (never when it is zero).</summary>
    public async Task KeepAliveAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteAsync(SseEvents.KeepAlive, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The stream ended.
        }
    }
}
