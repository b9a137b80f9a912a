using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// The application as the listening server sees it, counting the clients' requests to the GraphQL
/// endpoint while the warm-up runs: when clients are already sending them (no readiness gate in
/// front), they warm the instance themselves and the warm-up would only compete with them.
/// </summary>
internal sealed class ClientRequestCounter<TContext>(IHttpApplication<TContext> application, string path) : IHttpApplication<TContext>
    where TContext : notnull
{
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
            && contextFeatures.Get<IHttpRequestFeature>()?.Path is { } requestPath
            && requestPath.StartsWith(path, StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _count);
        }

        return application.CreateContext(contextFeatures);
    }

    public Task ProcessRequestAsync(TContext context) => application.ProcessRequestAsync(context);

    public void DisposeContext(TContext context, Exception? exception) => application.DisposeContext(context, exception);
}
