using Graph.AspNetCore.Http;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Ide;

/// <summary>
/// In front of GraphQL over HTTP at the GraphQL path: a browser navigating there (a GET or HEAD that
/// accepts HTML and carries no <c>query</c>) gets the IDE; every other request goes on to the
/// transport untouched, so GET requests with a query still execute.
/// </summary>
internal sealed class GraphQLIdeMiddleware(RequestDelegate next, GraphQLIde ide)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            && !request.Query.ContainsKey("query")
            && !context.WebSockets.IsWebSocketRequest
            && GraphQLMediaTypes.AcceptsHtml(request))
        {
            return ide.ServePageAsync(context);
        }

        return next(context);
    }
}
