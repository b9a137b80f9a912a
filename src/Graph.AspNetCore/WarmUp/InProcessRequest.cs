using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// Runs one POST of the warm-up through an application's pipeline without a socket: the features a
/// server would give it (request, response, body, connection), the response body kept in memory.
/// </summary>
internal static class InProcessRequest
{
    public static async Task<WarmUpAnswer> PostAsync<TContext>(IHttpApplication<TContext> application, string path, byte[] body, CancellationToken cancellationToken)
        where TContext : notnull
    {
        using var requestBody = new MemoryStream(body, writable: false);
        using var responseBody = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = HttpMethods.Post,
            Scheme = "http",
            Protocol = "HTTP/1.1",
            Path = path,
            Headers = new HeaderDictionary
            {
                ["Host"] = "localhost",
                ["Content-Type"] = "application/json",
                ["Accept"] = "application/graphql-response+json",
                ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Body = requestBody,
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        // No client address: it is not a client (per-client limits see WarmUpRequestFeature).
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { ConnectionId = "warm-up" });
        features.Set(WarmUpRequestFeature.Instance);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });

        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            application.DisposeContext(context, failure);
        }

        return new WarmUpAnswer(response.StatusCode, responseBody.ToArray());
    }
}
