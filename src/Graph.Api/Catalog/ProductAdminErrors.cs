using Graph.AspNetCore.Mutations;

namespace Graph.Api.Catalog;

public sealed record DuplicateSkuError(string Sku) : IPayloadError
{
    public string Message => "Another product has this SKU.";
}

public sealed record InvalidSkuError(string Sku) : IPayloadError
{
    public string Message => $"A SKU has 1 to {ProductRules.MaxSkuLength} characters.";
}

public sealed record InvalidProductNameError(string Name) : IPayloadError
{
    public string Message => $"A product name has 1 to {ProductRules.MaxNameLength} characters.";
}

public sealed record InvalidDescriptionError(int Length) : IPayloadError
{
    public string Message => $"A description has at most {ProductRules.MaxDescriptionLength} characters.";
}

public sealed record InvalidPriceError(decimal Price) : IPayloadError
{
    public string Message => $"A price is more than 0 and at most {ProductRules.MaxPrice}, in whole cents.";
}

public sealed record InvalidStockError(int Stock) : IPayloadError
{
    public string Message => $"Stock is from 0 to {ProductRules.MaxStock}.";
}

public sealed record CategoryNotFoundError(string CategoryId) : IPayloadError
{
    public string Message => "No category has this id.";
}
