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
    }
}
