using System.IO.Pipelines;
using Graph.AspNetCore.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Buffers a request body whole, bounded by <see cref="GraphQLServerOptions.MaxRequestBodySize"/>,
/// so it can be deserialized in one synchronous pass.
/// </summary>
internal static class RequestBodyBuffer
{
    /// <summary>
    /// Reads the body to its end; on success the caller owns <c>Read.Buffer</c> and gives it back with
    /// <c>BodyReader.AdvanceTo(Read.Buffer.End)</c>. Otherwise the transport error that answers it.
    /// </summary>
    public static async ValueTask<(ReadResult Read, TransportError? Error)> ReadAsync(HttpContext context, long maxSize)
    {
        LimitSize(context, maxSize);
        var body = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                if (read.Buffer.Length > maxSize)
                {
                    body.AdvanceTo(read.Buffer.End);
                    return (default, new RequestTooLargeError(maxSize));
                }

                if (read.IsCompleted || read.IsCanceled)
                {
                    return (read, null);
                }

                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, new RequestTooLargeError(maxSize));
        }
        catch (BadHttpRequestException)
        {
            // The client sent less than its Content-Length (or broken chunking) and stopped: a bad
            // request of the client's, not a server failure to log as one.
            return (default, new InvalidRequestError("The request body ended before its declared length."));
        }
    }

    /// <summary>
    /// Whether the body's first non-blank byte opens a JSON array (a batch). Looks without consuming:
    /// the body is read again from its start afterwards. False when it cannot tell (an empty, broken
    /// or oversized body), which the reader of a single request then answers.
    /// </summary>
    public static async ValueTask<bool> StartsWithArrayAsync(HttpContext context, long maxSize)
    {
        LimitSize(context, maxSize);
        var body = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                var buffer = read.Buffer;
                var first = FirstNonBlank(buffer);
                body.AdvanceTo(buffer.Start, buffer.End);
                if (first is { } found)
                {
                    return found == (byte)'[';
                }

                if (read.IsCompleted || read.IsCanceled || buffer.Length > maxSize)
                {
                    return false;
                }
            }
        }
        catch (BadHttpRequestException)
        {
            return false;
        }
    }

    // The server's own limit (it applies to chunked bodies too) can be set only before the body is
    // first read, which may be here or in the look for a batch.
    private static void LimitSize(HttpContext context, long maxSize)
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxSize;
        }
    }

    private static byte? FirstNonBlank(System.Buffers.ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return b;
                }
            }
        }

        return null;
    }
}
