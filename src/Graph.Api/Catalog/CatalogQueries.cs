using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Graph.AspNetCore.Limits.Cost;

namespace Graph.Api.Catalog;

/// <summary>The catalog's root query fields.</summary>
public sealed class CatalogQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryType>>>, List<Category>>("categories")
            .Description("Every section of the catalog, by name.")
            .WithListSize(assumedSize: 20) // a shop's sections: a few dozen at most
            .ResolveAsync(async context =>
            {
                await using var db = await context.OpenDbContextAsync();
                var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(context.CancellationToken);

                // Every category is now known to this request: `Product.category` in the same
                // request finds them in the loader's cache instead of querying them again.
                var byId = context.GetDataLoader<CategoryByIdDataLoader>();
                foreach (var category in categories)
                {
                    byId.Set(category.Id, category);
                }

                return categories;
            });

        query.Field<CategoryType, Category>("categoryBySlug")
            .Description("A section by its URL name.")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async context =>
            {
                var slug = context.GetArgument<string>("slug");
                await using var db = await context.OpenDbContextAsync();
                return await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, context.CancellationToken);
            });

        query.Field<ProductType, Product>("productBySlug")
            .Description("A product by its URL name.")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async context =>
            {
                var slug = context.GetArgument<string>("slug");
                await using var db = await context.OpenDbContextAsync();
                return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, context.CancellationToken);
            });

        query.Connection<ProductType, object?, Product>("products")
            .Description("The catalog, filtered and sorted in the database; by name unless `order` says otherwise.")
            .Key(p => p.Id)
            .DefaultOrder(p => p.Name)
            .Filter<ProductFilterInputType>()
            .Sort<ProductSortInputType>()
            .ResolveAsync(async (context, request) =>
            {
                await using var db = await context.OpenDbContextAsync();
                return await request.ExecuteAsync(db.Products.AsNoTracking(), context.CancellationToken);
            });
    }
}
