using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.WarmUp;

/// <summary>Registers the warm-up that runs once the server listens, before the instance is ready.</summary>
public static class WarmUpServiceCollectionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TRequests"/>' requests through the application as soon as the server
    /// registered so far (Kestrel) listens, when <c>GraphQL:WarmUp:Enabled</c> (by default everywhere
    /// but Development); <see cref="WarmUpHealthCheck"/> is unhealthy meanwhile. Call it after the web
    /// host has its server. A source of requests registered before this call is kept.
    /// </summary>
    public static IServiceCollection AddGraphQLWarmUp<TRequests>(this IServiceCollection services)
        where TRequests : class, IGraphQLWarmUpRequests
    {
        ArgumentNullException.ThrowIfNull(services);
        var server = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IServer) && !descriptor.IsKeyedService)
            ?? throw new InvalidOperationException("AddGraphQLWarmUp wraps the web host's server: call it after the host has one (WebApplication.CreateBuilder registers Kestrel).");
        services.Remove(server);
        services.TryAddSingleton<IGraphQLWarmUpRequests, TRequests>();
        services.TryAddSingleton<WarmUpState>();
        services.AddSingleton<IServer>(provider =>
        {
            var inner = Create(provider, server);
            var options = provider.GetRequiredService<IOptions<GraphQLServerOptions>>().Value;
            var enabled = options.WarmUp.Enabled ?? !provider.GetRequiredService<IHostEnvironment>().IsDevelopment();
            return enabled ? ActivatorUtilities.CreateInstance<WarmingServer>(provider, inner, options) : inner;
        });
        return services;
    }

    private static IServer Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IServer)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
