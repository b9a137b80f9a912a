using Graph.AspNetCore.Http;
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
    /// Maps GraphQL over HTTP for <typeparamref name="TSchema"/> at <see cref="GraphQLServerOptions.Path"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL<TSchema>(this IEndpointRouteBuilder endpoints)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
        RequestDelegate pipeline = endpoints.CreateApplicationBuilder()
            .UseMiddleware<GraphQLHttpMiddleware<TSchema>>()
            .Build();
        return endpoints.Map(options.Path, pipeline).WithDisplayName("GraphQL");
    }
}
