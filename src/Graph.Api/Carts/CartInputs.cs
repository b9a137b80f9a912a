using GraphQL.Types;

namespace Graph.Api.Carts;

public sealed record AddToCartInput(string ProductId, int Quantity);

public sealed record UpdateCartItemInput(string ProductId, int Quantity);

public sealed record RemoveFromCartInput(string ProductId);

public sealed class AddToCartInputType : InputObjectGraphType<AddToCartInput>
{
    public AddToCartInputType()
    {
        Name = "AddToCartInput";
        Field(i => i.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Quantity).Description("Units to add to what the cart already holds.");
    }
}

public sealed class UpdateCartItemInputType : InputObjectGraphType<UpdateCartItemInput>
{
    public UpdateCartItemInputType()
    {
        Name = "UpdateCartItemInput";
        Field(i => i.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Quantity).Description("The new quantity of the line (use removeFromCart to take it out).");
    }
}

public sealed class RemoveFromCartInputType : InputObjectGraphType<RemoveFromCartInput>
{
    public RemoveFromCartInputType()
    {
        Name = "RemoveFromCartInput";
        Field(i => i.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
    }
}
