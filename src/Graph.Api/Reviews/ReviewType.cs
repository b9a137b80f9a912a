using Graph.Api.Accounts;
using Graph.Api.Catalog;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Relay;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Graph.Api.Reviews;

public sealed class ReviewType : ObjectGraphType<Review>
{
    public ReviewType()
    {
        Name = "Review";
        Description = "A customer's rating of a product.";
        this.NodeId(r => r.Id);

        // A page of reviews reads the columns its selection needs (each field below says what it reads).
        this.ReadsSelectedMembersOnly();
        Field(r => r.Rating).Description("From 1 to 5.");
        Field(r => r.Body, nullable: true).Description("What the reviewer wrote.");
        Field(r => r.CreatedAt).Description("When the review was written.");
        Field<NonNullGraphType<UserType>, IDataLoaderResult<User?>>("author")
            .Description("Who wrote the review.")
            .Resolve(context => context.GetDataLoader<UserByIdDataLoader>().LoadAsync(context.Source.AuthorId))
            .Reads(r => r.AuthorId);
        Field<NonNullGraphType<ProductType>, IDataLoaderResult<Product?>>("product")
            .Description("The product reviewed.")
            .Resolve(context => context.GetDataLoader<ProductByIdDataLoader>().LoadAsync(context.Source.ProductId))
            .Reads(r => r.ProductId);
    }
}
