using System.Globalization;
using Graph.AspNetCore.Http.Errors;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Answers a request refused for now (a connection limit, the request rate) before any GraphQL work:
/// the error's status, <c>Retry-After</c> in whole seconds (at least one), and a GraphQL error
/// response written by the registered serializer, so its shape is every other error's.
/// </summary>
public static class RetryLaterResponse
{
    /// <summary>Writes the refusal.</summary>
    public static async Task WriteAsync(HttpContext context, IGraphQLTextSerializer serializer, TransportError error, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(error);
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(retryAfter.TotalSeconds, 1))).ToString(CultureInfo.InvariantCulture);
        response.ContentType = GraphQLMediaTypes.ContentTypeFor(GraphQLMediaTypes.Json);
        await serializer.WriteAsync(response.Body, new ExecutionResult { Errors = [error] }, context.RequestAborted).ConfigureAwait(false);
    }
}
