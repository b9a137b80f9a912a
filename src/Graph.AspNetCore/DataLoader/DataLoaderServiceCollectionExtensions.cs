using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.AspNetCore.DataLoader;

/// <summary>Registers data loaders.</summary>
public static class DataLoaderServiceCollectionExtensions
{
    /// <summary>Registers the per-request <see cref="DataLoaderContext"/> (scoped).</summary>
    public static IServiceCollection AddDataLoaderContext(this IServiceCollection services)
    {
        services.TryAddScoped<DataLoaderContext>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TLoader"/> as a scoped service that is the request's
    /// <see cref="DataLoaderContext"/> instance, so constructor injection and
    /// <c>context.GetDataLoader&lt;TLoader&gt;()</c> share one loader per request.
    /// Also registers the <see cref="DataLoaderContext"/>.
    /// </summary>
    public static IServiceCollection AddDataLoader<TLoader>(this IServiceCollection services)
        where TLoader : class
    {
        services.AddDataLoaderContext();
        services.TryAddScoped(provider => provider.GetRequiredService<DataLoaderContext>().Get<TLoader>());
        return services;
    }
}
