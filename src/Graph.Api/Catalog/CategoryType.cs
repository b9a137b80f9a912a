using Graph.Api.Data;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.Relay;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

public sealed class CategoryType : ObjectGraphType<Category>
{
    public CategoryType()
    {
        Name = "Category";
        Description = "A section of the catalog.";
        this.NodeId(c => c.Id);
        Field(c => c.Name).Description("The section's name.");
        Field(c => c.Slug).Description("The section's URL name.");

        // REVIEW: one statement per category; `categories { products }` over many parents is not batched yet.
        this.Connection<ProductType, Category, Product>("products")
            .Description("The section's products, filtered and sorted in the database; by name unless `order` says otherwise.")
            .Key(p => p.Id)
            .DefaultOrder(p => p.Name)
            .Filter<ProductFilterInputType>()
            .Sort<ProductSortInputType>()
            .ResolveAsync(async (context, request) =>
            {
                await using var db = await context.CreateDbContextAsync();
                var categoryId = context.Source.Id;
                return await request.ExecuteAsync(db.Products.AsNoTracking().Where(p => p.CategoryId == categoryId), context.CancellationToken);
            });
    }
}
