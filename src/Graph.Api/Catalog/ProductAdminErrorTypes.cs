using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Catalog;

public sealed class DuplicateSkuErrorType : ErrorObjectType<DuplicateSkuError>
{
    public DuplicateSkuErrorType() => Field(e => e.Sku);
}

public sealed class InvalidSkuErrorType : ErrorObjectType<InvalidSkuError>
{
    public InvalidSkuErrorType() => Field(e => e.Sku);
}

public sealed class InvalidProductNameErrorType : ErrorObjectType<InvalidProductNameError>
{
    public InvalidProductNameErrorType() => Field(e => e.Name);
}

public sealed class InvalidDescriptionErrorType : ErrorObjectType<InvalidDescriptionError>
{
    public InvalidDescriptionErrorType() => Field(e => e.Length).Description("The description's length.");
}

public sealed class InvalidPriceErrorType : ErrorObjectType<InvalidPriceError>
{
    public InvalidPriceErrorType() => Field(e => e.Price);
}

public sealed class InvalidStockErrorType : ErrorObjectType<InvalidStockError>
{
    public InvalidStockErrorType() => Field(e => e.Stock);
}

public sealed class CategoryNotFoundErrorType : ErrorObjectType<CategoryNotFoundError>
{
    public CategoryNotFoundErrorType() => Field(e => e.CategoryId, type: typeof(NonNullGraphType<IdGraphType>));
}
