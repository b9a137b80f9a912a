using System.Buffers;
using System.IO.Pipelines;

namespace Graph.AspNetCore.Http;

/// <summary>
/// A request as it was sent, before it is read as GraphQL: a GET's query string, or a POST's body
/// buffered whole. Disposing it gives a body's buffer back to the request's <see cref="PipeReader"/>.
/// </summary>
internal readonly struct ReceivedRequest : IDisposable
{
    private readonly PipeReader? _body;

    private ReceivedRequest(string? queryString, ReadOnlySequence<byte> body, PipeReader? reader)
    {
        QueryString = queryString;
        Body = body;
        _body = reader;
    }

    /// <summary>A GET's query string, as sent (still URL-encoded, with its leading <c>?</c>); null for a POST.</summary>
    public string? QueryString { get; }

    /// <summary>A POST's body, whole; empty for a GET.</summary>
    public ReadOnlySequence<byte> Body { get; }

    public static ReceivedRequest Get(string queryString) => new(queryString, ReadOnlySequence<byte>.Empty, null);

    public static ReceivedRequest Post(ReadOnlySequence<byte> body, PipeReader reader) => new(null, body, reader);

    public void Dispose() => _body?.AdvanceTo(Body.End);
}
