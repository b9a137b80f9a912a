using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// The application as the listening server sees it while the warm-up runs. It tells the warm-up's
/// own requests, which come over the socket with the warm-up's token (<see cref="LoopbackRequest"/>),
/// from the clients' and marks them with <see cref="WarmUpRequestFeature"/>; and it counts the
/// clients' requests to the GraphQL endpoint: when clients are already sending them (no readiness
/// gate in front), they warm the instance themselves and the warm-up would only compete with them.
/// </summary>
internal sealed class ClientRequestCounter<TContext>(IHttpApplication<TContext> application, string path, string warmUpToken) : IHttpApplication<TContext>
    where TContext : notnull
{
    private readonly byte[] _token = Encoding.ASCII.GetBytes(warmUpToken);
    private volatile bool _counting = true;
    private int _count;

    /// <summary>The clients' GraphQL requests counted so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Stops counting (the warm-up is over): the features are no longer looked at.</summary>
    public void Stop() => _counting = false;

    public TContext CreateContext(IFeatureCollection contextFeatures)
    {
        if (_counting
            && contextFeatures.Get<WarmUpRequestFeature>() is null
            && contextFeatures.Get<IHttpRequestFeature>() is { } request
            && request.Path.StartsWith(path, StringComparison.OrdinalIgnoreCase))
        {
            if (CarriesToken(request))
            {
                contextFeatures.Set(WarmUpRequestFeature.Instance);
            }
            else
            {
                Interlocked.Increment(ref _count);
            }
        }

        return application.CreateContext(contextFeatures);
    }

    public Task ProcessRequestAsync(TContext context) => application.ProcessRequestAsync(context);

    public void DisposeContext(TContext context, Exception? exception) => application.DisposeContext(context, exception);

    private bool CarriesToken(IHttpRequestFeature request)
    {
        if (!request.Headers.TryGetValue(LoopbackRequest.HeaderName, out var values)
            || values.Count != 1
            || values[0] is not { } value
            || value.Length != _token.Length
            || !Ascii.IsValid(value))
        {
            return false;
        }

        // Fixed time: the token is what keeps a client from passing for the warm-up.
        Span<byte> given = stackalloc byte[_token.Length];
        Encoding.ASCII.GetBytes(value, given);
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }
}
