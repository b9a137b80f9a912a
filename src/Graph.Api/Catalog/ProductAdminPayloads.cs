using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Mutations;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>The result of a catalog admin mutation: the product's id, read through the loader, or the errors.</summary>
public sealed record ProductPayload(int? ProductId, IReadOnlyList<IPayloadError>? Errors) : IPayload
{
    public static ProductPayload Failed(IPayloadError error) => new(null, [error]);

    public static ProductPayload Failed(IReadOnlyList<IPayloadError> errors) => new(null, errors);
}

public sealed class CreateProductPayloadType : PayloadType<ProductPayload>
{
    public CreateProductPayloadType()
        : base("CreateProductPayload")
    {
        AddProductField(this, "The new product.");
        Errors(typeof(DuplicateSkuErrorType), typeof(InvalidSkuErrorType), typeof(InvalidProductNameErrorType), typeof(InvalidDescriptionErrorType),
            typeof(InvalidPriceErrorType), typeof(InvalidStockErrorType), typeof(CategoryNotFoundErrorType));
    }

    internal static void AddProductField(ObjectGraphType<ProductPayload> payload, string description) =>
        payload.Field<ProductType, IDataLoaderResult<Product?>>("product")
            .Description(description)
            .Resolve(context => context.Source.ProductId is { } id
                ? context.GetDataLoader<ProductByIdDataLoader>().LoadAsync(id)
                : DataLoaderResult.FromValue<Product?>(null));
}

public sealed class UpdateProductPayloadType : PayloadType<ProductPayload>
{
    public UpdateProductPayloadType()
        : base("UpdateProductPayload")
    {
        CreateProductPayloadType.AddProductField(this, "The product as changed.");
        Errors(typeof(ProductNotFoundErrorType), typeof(DuplicateSkuErrorType), typeof(InvalidSkuErrorType), typeof(InvalidProductNameErrorType),
            typeof(InvalidDescriptionErrorType), typeof(InvalidPriceErrorType), typeof(CategoryNotFoundErrorType));
    }
}

public sealed class RestockProductPayloadType : PayloadType<ProductPayload>
{
    public RestockProductPayloadType()
        : base("RestockProductPayload")
    {
        CreateProductPayloadType.AddProductField(this, "The product with its new stock.");
        Errors(typeof(ProductNotFoundErrorType), typeof(Carts.InvalidQuantityErrorType));
    }
}
