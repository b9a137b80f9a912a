using Graph.Api.Catalog;
using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Carts;

/// <summary>The result of a cart mutation: the caller's cart as it is now, or the errors.</summary>
public sealed record CartPayload(Cart? Cart, IReadOnlyList<IPayloadError>? Errors) : IPayload
{
    public static CartPayload Failed(IPayloadError error) => new(null, [error]);
}

public sealed class AddToCartPayloadType : PayloadType<CartPayload>
{
    public AddToCartPayloadType()
        : base("AddToCartPayload")
    {
        AddCartField(this);
        Errors(typeof(ProductNotFoundErrorType), typeof(InvalidQuantityErrorType));
    }

    internal static void AddCartField(ObjectGraphType<CartPayload> payload) =>
        payload.Field<CartType, Cart>("cart").Description("The cart after the change.").Resolve(context => context.Source.Cart);
}

public sealed class UpdateCartItemPayloadType : PayloadType<CartPayload>
{
    public UpdateCartItemPayloadType()
        : base("UpdateCartItemPayload")
    {
        AddToCartPayloadType.AddCartField(this);
        Errors(typeof(ProductNotFoundErrorType), typeof(InvalidQuantityErrorType), typeof(CartItemNotFoundErrorType));
    }
}

public sealed class RemoveFromCartPayloadType : PayloadType<CartPayload>
{
    public RemoveFromCartPayloadType()
        : base("RemoveFromCartPayload")
    {
        AddToCartPayloadType.AddCartField(this);
        Errors(typeof(ProductNotFoundErrorType));
    }
}
