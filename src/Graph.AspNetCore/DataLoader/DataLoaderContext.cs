using Graph.AspNetCore.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// The data loaders of one request (one DI scope): every resolver of the request gets the same
/// loader instances, hence the same batches and caches; the next request starts empty.
/// Registered as a scoped service by <see cref="DataLoaderServiceCollectionExtensions"/>.
/// </summary>
/// <remarks>
/// Loaders are created here with their constructor dependencies taken from the request's
/// services, never resolved as services themselves, so a loader can never end up shared between
/// requests by a singleton registration.
/// </remarks>
/// <param name="services">The request's services.</param>
public sealed class DataLoaderContext(IServiceProvider services)
{
    // Resolvers run concurrently; creating under the lock guarantees one instance per loader.
    private readonly Lock _gate = new();
    private readonly Dictionary<Type, object> _byType = [];
    private readonly Dictionary<string, object> _byName = new(StringComparer.Ordinal);

    // Every loader records what it fetches for the response cache: no loader can forget to tag.
    private readonly CacheTagRecorder? _recorder = services.GetService<CacheTagRecorder>();

    /// <summary>This request's instance of <typeparamref name="TLoader"/>, created on first use.</summary>
    public TLoader Get<TLoader>()
        where TLoader : class
    {
        lock (_gate)
        {
            if (!_byType.TryGetValue(typeof(TLoader), out var loader))
            {
                loader = Tagged(LoaderFactory<TLoader>.Create(services, []));
                _byType.Add(typeof(TLoader), loader);
            }

            return (TLoader)loader;
        }
    }

    /// <summary>
    /// This request's loader named <paramref name="name"/>, created by <paramref name="create"/>
    /// on first use: for loaders defined where they are used, such as a
    /// <see cref="FuncBatchDataLoader{TKey, TValue}"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The name is taken by a loader of another type.</exception>
    public TLoader GetOrAdd<TLoader>(string name, Func<IServiceProvider, TLoader> create)
        where TLoader : class
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            if (!_byName.TryGetValue(name, out var loader))
            {
                loader = Tagged(create(services));
                _byName.Add(name, loader);
            }

            return loader as TLoader
                ?? throw new InvalidOperationException($"The data loader '{name}' is a {loader.GetType().Name}, not a {typeof(TLoader).Name}.");
        }
    }

    private TLoader Tagged<TLoader>(TLoader loader)
    {
        if (loader is ICacheTagSource source)
        {
            source.Recorder = _recorder;
        }

        return loader;
    }
}

// The constructor of a loader type, found once: ActivatorUtilities.CreateInstance would look it up
// by reflection for every request.
file static class LoaderFactory<TLoader>
    where TLoader : class
{
    public static readonly ObjectFactory<TLoader> Create = ActivatorUtilities.CreateFactory<TLoader>(Type.EmptyTypes);
}
