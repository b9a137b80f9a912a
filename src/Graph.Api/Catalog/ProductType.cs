using Graph.Api.Data;
using Graph.AspNetCore.Relay;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

public sealed class ProductType : ObjectGraphType<Product>
{
    public ProductType()
    {
        Name = "Product";
        Description = "Something the shop sells.";
        this.NodeId(p => p.Id);
        Field(p => p.Sku).Description("The stock-keeping unit.");
        Field(p => p.Name).Description("The product's name.");
        Field(p => p.Slug).Description("The product's URL name.");
        Field(p => p.Description, nullable: true).Description("A longer description.");
        Field(p => p.Price).Description("The current unit price.");
        Field<NonNullGraphType<BooleanGraphType>, bool>("inStock")
            .Description("Whether at least one unit is in stock.")
            .Resolve(context => context.Source.Stock > 0);
        Field(p => p.CreatedAt).Description("When the product was added to the catalog.");

        Field<NonNullGraphType<CategoryType>, Category>("category")
            .Description("The section the product is listed in.")
            .ResolveAsync(async context =>
            {
                await using var db = await context.CreateDbContextAsync();
                return await db.Categories.AsNoTracking().SingleAsync(c => c.Id == context.Source.CategoryId, context.CancellationToken);
            });

        Field<FloatGraphType, double?>("averageRating")
            .Description("The mean rating of the product's reviews; null when it has none.")
            .ResolveAsync(async context =>
            {
                await using var db = await context.CreateDbContextAsync();
                return await db.Reviews.Where(r => r.ProductId == context.Source.Id)
                    .Select(r => (double?)r.Rating).AverageAsync(context.CancellationToken);
            });

        Field<NonNullGraphType<IntGraphType>, int>("reviewCount")
            .Description("How many reviews the product has.")
            .ResolveAsync(async context =>
            {
                await using var db = await context.CreateDbContextAsync();
                return await db.Reviews.CountAsync(r => r.ProductId == context.Source.Id, context.CancellationToken);
            });
    }
}
