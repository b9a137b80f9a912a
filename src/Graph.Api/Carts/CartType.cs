using Graph.Api.Catalog;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Graph.AspNetCore.Limits.Cost;

namespace Graph.Api.Carts;

public sealed class CartType : ObjectGraphType<Cart>
{
    public CartType()
    {
        Name = "Cart";
        Description = "What the user is about to buy, at today's prices.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CartItemType>>>, IDataLoaderResult<IReadOnlyList<CartItem>>>("items")
            .Description("The products in the cart, in the order they were added.")
            .WithListSize(assumedSize: 20)
            .Resolve(Items);
        Field<NonNullGraphType<IntGraphType>, IDataLoaderResult<int>>("itemCount")
            .Description("The number of units in the cart (the sum of the quantities).")
            .Resolve(context => Items(context).Then(items => items.Sum(i => i.Quantity)));
        Field<NonNullGraphType<DecimalGraphType>, IDataLoaderResult<decimal>>("subtotal")
            .Description("The sum of the line totals at the current prices.")
            .Resolve(context => Items(context).Then(items => context.GetDataLoader<ProductByIdDataLoader>()
                .LoadManyAsync(items.Select(i => i.ProductId))
                .Then(products => items.Zip(products, (item, product) => item.Quantity * (product?.Price ?? 0m)).Sum())));
    }

    private static IDataLoaderResult<IReadOnlyList<CartItem>> Items(IResolveFieldContext<Cart> context) =>
        context.GetDataLoader<CartItemsByUserIdDataLoader>().LoadAsync(context.Source.UserId);
}

public sealed class CartItemType : ObjectGraphType<CartItem>
{
    public CartItemType()
    {
        Name = "CartItem";
        Description = "A product in the cart and how many.";
        Field(c => c.Quantity).Description("How many units.");
        Field<NonNullGraphType<DecimalGraphType>, IDataLoaderResult<decimal>>("lineTotal")
            .Description("The current unit price × quantity.")
            .Resolve(context => context.GetDataLoader<ProductByIdDataLoader>().LoadAsync(context.Source.ProductId)
                .Then(product => context.Source.Quantity * (product?.Price ?? 0m)));
        Field<NonNullGraphType<ProductType>, IDataLoaderResult<Product?>>("product")
            .Description("The product.")
            .Resolve(context => context.GetDataLoader<ProductByIdDataLoader>().LoadAsync(context.Source.ProductId));
        Field(c => c.AddedAt).Description("When the product was first put in the cart.");
    }
}
