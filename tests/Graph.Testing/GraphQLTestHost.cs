using Graph.AspNetCore;
using GraphQL.DI;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Testing;

/// <summary>
/// A schema served by the serving layer (HTTP, WebSocket, SSE at <c>/graphql</c>) on an in-memory
/// test server: the one way the serving layer's tests host an application. Its logs go to a
/// <see cref="LogCapture"/> registered as a service.
/// </summary>
public static class GraphQLTestHost
{
    /// <summary>Builds and starts the application; dispose it to stop it.</summary>
    /// <param name="environment">The host environment (Development turns introspection and error details on).</param>
    /// <param name="services">Registrations after the serving layer's own: a test's replacements and options.</param>
    /// <param name="graphql">What the schema needs of the engine's builder (its graph types, say).</param>
    public static async Task<WebApplication> StartAsync<TSchema>(string environment, Action<IServiceCollection>? services = null, Action<IGraphQLBuilder>? graphql = null)
        where TSchema : class, ISchema
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        var logs = new LogCapture();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(logs);
        builder.Services.AddGraphQLServer<TSchema>(graphql);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGraphQL<TSchema>();
        await app.StartAsync();
        return app;
    }
}
