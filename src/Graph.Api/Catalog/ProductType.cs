using Graph.Api.Accounts;
using Graph.Api.Reviews;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.Relay;
using GraphQL.Types;
using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;

namespace Graph.Api.Catalog;

public sealed class ProductType : ObjectGraphType<Product>
{
    public ProductType()
    {
        Name = "Product";
        Description = "Something the shop sells.";
        this.NodeId(p => p.Id);

        // A page of products reads the columns its selection needs (each field below says what it reads).
        this.ReadsSelectedMembersOnly();
        Field(p => p.Sku).Description("The stock-keeping unit.");
        Field(p => p.Name).Description("The product's name.");
        Field(p => p.Slug).Description("The product's URL name.");
        Field(p => p.Description, nullable: true).Description("A longer description.");
        Field(p => p.Price).Description("The current unit price.");
        Field<NonNullGraphType<BooleanGraphType>, bool>("inStock")
            .Description("Whether at least one unit is in stock.")
            .Resolve(context => context.Source.Stock > 0)
            .Reads(p => p.Stock);
        Field(p => p.Stock, nullable: true)
            .Description("The exact number of units on hand; STAFF and ADMIN only (everyone else sees `inStock`).")
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa();
        Field(p => p.CreatedAt).Description("When the product was added to the catalog.");

        Field<NonNullGraphType<CategoryType>, IDataLoaderResult<Category?>>("category")
            .Description("The section the product is listed in.")
            .Resolve(context => context.GetDataLoader<CategoryByIdDataLoader>().LoadAsync(context.Source.CategoryId))
            .Reads(p => p.CategoryId);

        this.Connection<ReviewType, Product, Review>("reviews")
            .Description("The product's reviews, newest first.")
            .Key(r => r.Id)
            .DefaultOrder(r => r.CreatedAt, SortDirection.Descending)
            .ResolveBatched(p => p.Id, r => r.ProductId, ShopQueryScope.Read);

        Field<FloatGraphType, double?>("averageRating")
            .Description("The mean rating of the product's reviews; null when it has none.")
            .Resolve(context => context.Source.AverageRating)
            .Reads(p => p.ReviewCount, p => p.RatingTotal);

        Field<NonNullGraphType<IntGraphType>, int>("reviewCount")
            .Description("How many reviews the product has.")
            .Resolve(context => context.Source.ReviewCount)
            .Reads(p => p.ReviewCount);
    }
}
