using Graph.AspNetCore.Http;
using Graph.AspNetCore.Ide;
using Graph.AspNetCore.Sse.SingleConnection;
using Graph.AspNetCore.WebSockets;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore;

/// <summary>Maps the GraphQL endpoint.</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps GraphQL over HTTP for <typeparamref name="TSchema"/> at <see cref="GraphQLServerOptions.Path"/>,
    /// with GraphQL over WebSocket and over server-sent events (both modes of graphql-sse) on the same path.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL<TSchema>(this IEndpointRouteBuilder endpoints)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
        var ide = GraphQLIde.Create(endpoints.ServiceProvider, options);
        var app = endpoints.CreateApplicationBuilder();

        // WebSocket upgrades (graphql-transport-ws, legacy graphql-ws) on the same path.
        app.UseMiddleware<GraphQLWebSocketMiddleware<TSchema>>();
        if (ide is not null)
        {
            // Browsers navigating to the endpoint get Banana Cake Pop (off outside Development by default).
            app.UseMiddleware<GraphQLIdeMiddleware>(ide);
            ide.MapAssets(endpoints);
        }

        RequestDelegate pipeline = app
            .UseMiddleware<GraphQLSseSingleConnectionMiddleware<TSchema>>() // PUT, and requests with an event-stream token (graphql-sse single connection mode)
            .UseMiddleware<GraphQLHttpMiddleware<TSchema>>() // GET, POST, batches; JSON or an event stream of its own by Accept
            .Build();
        return endpoints.Map(options.Path, pipeline).WithDisplayName("GraphQL");
    }
}
