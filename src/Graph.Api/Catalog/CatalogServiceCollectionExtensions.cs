using Graph.Api.Schema;
using Graph.AspNetCore.DataLoader;

namespace Graph.Api.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>The catalog as everyone reads it: categories and products, the stock subscription, their loaders and node resolvers.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, CatalogQueries>();
        services.AddSingleton<ISubscriptionFields, ProductSubscriptions>();
        services.AddNodeLoader<ProductByIdDataLoader, Product>("Product");
        services.AddNodeLoader<CategoryByIdDataLoader, Category>("Category");
        services.AddDataLoader<ProductBySlugDataLoader>();
        services.AddDataLoader<CategoryBySlugDataLoader>();
        services.AddDataLoader<CategoryListDataLoader>();
        return services;
    }

    /// <summary>The staff's catalog administration: <c>createProduct</c>, <c>updateProduct</c>, <c>restockProduct</c>.</summary>
    public static IServiceCollection AddCatalogAdministration(this IServiceCollection services) =>
        services.AddSingleton<IMutationFields, ProductMutations>();
}
