using Graph.Api.Schema;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Graph.AspNetCore.Limits.Cost;

namespace Graph.Api.Catalog;

/// <summary>The catalog's root query fields.</summary>
public sealed class CatalogQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryType>>>, IDataLoaderResult<List<Category>>>("categories")
            .Description("Every section of the catalog, by name.")
            .WithListSize(assumedSize: 20) // a shop's sections: a few dozen at most
            .Resolve(context =>
            {
                // Every category is then known to this request: `Product.category` in the same
                // request finds them in the loader's cache instead of querying them again.
                var byId = context.GetDataLoader<CategoryByIdDataLoader>();
                return context.GetDataLoader<CategoryListDataLoader>().LoadAsync(CategoryListDataLoader.All).Then(categories =>
                {
                    categories ??= [];
                    foreach (var category in categories)
                    {
                        byId.Set(category.Id, category);
                    }

                    return categories;
                });
            });

        query.Field<CategoryType, IDataLoaderResult<Category?>>("categoryBySlug")
            .Description("A section by its URL name.")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .Resolve(context => context.GetDataLoader<CategoryBySlugDataLoader>().LoadAsync(context.GetArgument<string>("slug")));

        query.Field<ProductType, IDataLoaderResult<Product?>>("productBySlug")
            .Description("A product by its URL name.")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .Resolve(context => context.GetDataLoader<ProductBySlugDataLoader>().LoadAsync(context.GetArgument<string>("slug")));

        query.Connection<ProductType, object?, Product>("products")
            .Description("The catalog, filtered and sorted in the database; by name unless `order` says otherwise.")
            .Key(p => p.Id)
            .DefaultOrder(p => p.Name)
            .Filter<ProductFilterInputType>()
            .Sort<ProductSortInputType>()
            .ResolveAsync((context, request) => context.ReadAsync((db, token) => request.ExecuteAsync(db, token)));
    }
}
