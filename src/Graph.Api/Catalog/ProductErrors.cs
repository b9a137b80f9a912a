using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>An id that is not a product's, or a product that does not exist.</summary>
public sealed record ProductNotFoundError(string ProductId) : IPayloadError
{
    public string Message => "No product has this id.";
}

public sealed class ProductNotFoundErrorType : ErrorObjectType<ProductNotFoundError>
{
    public ProductNotFoundErrorType() => Field(e => e.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
}
