using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Carts;

public sealed class InvalidQuantityErrorType : ErrorObjectType<InvalidQuantityError>
{
    public InvalidQuantityErrorType()
    {
        Field(e => e.Quantity).Description("The quantity asked for.");
        Field(e => e.Max).Description("The largest quantity allowed.");
    }
}

public sealed class CartItemNotFoundErrorType : ErrorObjectType<CartItemNotFoundError>
{
    public CartItemNotFoundErrorType() => Field(e => e.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
}
