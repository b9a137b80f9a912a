using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// Sends the warm-up's POSTs to the instance's own HTTP address over a loopback socket, so that they
/// run what a client's request runs: the socket transport, the connection and HTTP/1.1 handling of
/// the server as well as the application. Without it (<see cref="InProcessRequest"/>) the server's
/// own code was still unoptimised when the warm-up ended: under the first load after readiness the
/// JIT recompiled 1,300 methods, half of them the server's and the sockets', and the first seconds
/// ran at a third to a half of the steady throughput.
/// </summary>
/// <remarks>Each request carries the warm-up's token (<see cref="HeaderName"/>), a random value of
/// this process, which <see cref="ClientRequestCounter{TContext}"/> turns into
/// <see cref="WarmUpRequestFeature"/>: per-client limits and the response cache leave it alone.</remarks>
internal sealed class LoopbackRequest : IDisposable
{
    /// <summary>The header that carries the warm-up's token.</summary>
    public const string HeaderName = "Graph-Warm-Up";

    private static readonly MediaTypeWithQualityHeaderValue GraphQLResponse = new("application/graphql-response+json");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly string _token;

    private LoopbackRequest(Uri endpoint, string token)
    {
        _endpoint = endpoint;
        _token = token;
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the warm-up's deadline cancels instead
        };
    }

    /// <summary>
    /// A sender to the first plain-HTTP address <paramref name="server"/> listens on, reached over
    /// loopback; null when it has none (a test server, HTTPS or a Unix socket only): then the
    /// warm-up runs in process.
    /// </summary>
    public static LoopbackRequest? TryCreate(IServer server, string path, string token) =>
        LoopbackAddress.Of(server) is { } address ? new LoopbackRequest(new Uri(address, path), token) : null;

    public async Task<WarmUpAnswer> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Accept.Add(GraphQLResponse);
        request.Headers.TryAddWithoutValidation(HeaderName, _token);
        using var response = await _client.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new WarmUpAnswer((int)response.StatusCode, answer);
    }

    public void Dispose() => _client.Dispose();
}
