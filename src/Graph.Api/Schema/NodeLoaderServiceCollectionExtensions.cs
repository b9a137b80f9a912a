using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Relay;

namespace Graph.Api.Schema;

public static class NodeLoaderServiceCollectionExtensions
{
    /// <summary>
    /// Registers a type's by-id loader and, through it, the type's <c>node(id:)</c> resolver: every
    /// node type of the shop has an integer key and is read by its loader, so the two go together.
    /// </summary>
    public static IServiceCollection AddNodeLoader<TLoader, TEntity>(this IServiceCollection services, string typeName)
        where TLoader : BatchDataLoader<int, TEntity>
        where TEntity : class
    {
        services.AddDataLoader<TLoader>();
        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<TLoader, TEntity>(typeName));
        return services;
    }
}
