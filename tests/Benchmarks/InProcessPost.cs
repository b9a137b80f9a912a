using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// One POST of a JSON body through a middleware pipeline in-process, without Kestrel or sockets: a
/// <see cref="DefaultHttpContext"/> in a DI scope of its own, the body in memory, the response to
/// <see cref="Stream.Null"/>. Anything but a 200 is a failure of the benchmark.
/// </summary>
internal static class InProcessPost
{
    public static async Task SendAsync(RequestDelegate pipeline, IServiceScopeFactory scopes, byte[] body)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var request = context.Request;
            request.Method = HttpMethods.Post;
            request.Path = "/graphql";
            request.ContentType = "application/json";
            request.ContentLength = body.Length;
            request.Body = new MemoryStream(body, writable: false);
            context.Response.Body = Stream.Null;
            await pipeline(context).ConfigureAwait(false);
            if (context.Response.StatusCode != StatusCodes.Status200OK)
            {
                throw new InvalidOperationException($"HTTP {context.Response.StatusCode}");
            }
        }
    }
}
