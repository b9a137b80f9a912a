using Graph.Api.Schema;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.Relay;
using GraphQL.Types;

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

        this.Connection<ProductType, Category, Product>("products")
            .Description("The section's products, filtered and sorted in the database; by name unless `order` says otherwise.")
            .Key(p => p.Id)
            .DefaultOrder(p => p.Name)
            .Filter<ProductFilterInputType>()
            .Sort<ProductSortInputType>()
            .ResolveBatched(c => c.Id, p => p.CategoryId, ShopQueryScope.Read);
    }
}
