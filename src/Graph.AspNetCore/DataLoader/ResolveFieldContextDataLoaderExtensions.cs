using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.DataLoader;

/// <summary>Reaches the request's data loaders from a resolver.</summary>
public static class ResolveFieldContextDataLoaderExtensions
{
    /// <summary>The request's <see cref="DataLoaderContext"/>, from <see cref="IResolveFieldContext.RequestServices"/>.</summary>
    /// <exception cref="MissingRequestServicesException">The execution has no request services.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="DataLoaderContext"/> is registered.</exception>
    public static DataLoaderContext GetDataLoaderContext(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices ?? throw new MissingRequestServicesException();
        return services.GetService<DataLoaderContext>()
            ?? throw new InvalidOperationException(
                $"No {nameof(DataLoaderContext)} is registered: call services.{nameof(DataLoaderServiceCollectionExtensions.AddDataLoader)}<TLoader>() or {nameof(DataLoaderServiceCollectionExtensions.AddDataLoaderContext)}().");
    }

    /// <summary>The request's instance of <typeparamref name="TLoader"/>.</summary>
    public static TLoader GetDataLoader<TLoader>(this IResolveFieldContext context)
        where TLoader : class =>
        context.GetDataLoaderContext().Get<TLoader>();

    /// <summary>The request's loader named <paramref name="name"/>, created by <paramref name="create"/> on first use.</summary>
    public static TLoader GetDataLoader<TLoader>(this IResolveFieldContext context, string name, Func<IServiceProvider, TLoader> create)
        where TLoader : class =>
        context.GetDataLoaderContext().GetOrAdd(name, create);
}
