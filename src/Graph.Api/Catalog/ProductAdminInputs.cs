using Graph.Api.Schema;
using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Catalog;

public sealed record CreateProductInput(string Sku, string Name, string? Description, decimal Price, int Stock, string CategoryId)
{
    /// <summary>Every rule the input breaks (uniqueness and the category are checked against the database).</summary>
    public IReadOnlyList<IPayloadError> Validate() =>
        new[]
        {
            ProductRules.CheckSku(Sku.Trim()),
            ProductRules.CheckName(Name.Trim()),
            ProductRules.CheckDescription(Description),
            ProductRules.CheckPrice(Price),
            ProductRules.CheckStock(Stock),
        }.OfType<IPayloadError>().ToList();
}

/// <summary>The fields to change; those left out (or null) stay as they are. Stock moves with restockProduct and orders only.</summary>
public sealed record UpdateProductInput(string ProductId, string? Sku, string? Name, string? Description, decimal? Price, string? CategoryId)
{
    public IReadOnlyList<IPayloadError> Validate() =>
        new[]
        {
            Sku is null ? null : ProductRules.CheckSku(Sku.Trim()),
            Name is null ? null : ProductRules.CheckName(Name.Trim()),
            ProductRules.CheckDescription(Description),
            Price is { } price ? ProductRules.CheckPrice(price) : null,
        }.OfType<IPayloadError>().ToList();
}

public sealed record RestockProductInput(string ProductId, int Quantity);

public sealed class CreateProductInputType : InputObjectGraphType<CreateProductInput>
{
    public CreateProductInputType()
    {
        Name = "CreateProductInput";
        Field(i => i.Sku).Description("The stock-keeping unit; unique.").Validate(DisplayText.SingleLine("sku"));
        Field(i => i.Name).Description("The product's name; its URL name (slug) is made from it.").Validate(DisplayText.SingleLine("name"));
        Field(i => i.Description, nullable: true).Validate(DisplayText.MultiLine("description"));
        Field(i => i.Price).Description("The unit price, more than 0.");
        Field(i => i.Stock).Description("Units on hand, 0 or more.");
        Field(i => i.CategoryId, type: typeof(NonNullGraphType<IdGraphType>));
    }
}

public sealed class UpdateProductInputType : InputObjectGraphType<UpdateProductInput>
{
    public UpdateProductInputType()
    {
        Name = "UpdateProductInput";
        Field(i => i.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Sku, nullable: true).Validate(DisplayText.SingleLine("sku"));
        Field(i => i.Name, nullable: true).Description("A new name; the URL name stays, so links keep working.").Validate(DisplayText.SingleLine("name"));
        Field(i => i.Description, nullable: true).Validate(DisplayText.MultiLine("description"));
        Field(i => i.Price, nullable: true);
        Field(i => i.CategoryId, type: typeof(IdGraphType));
    }
}

public sealed class RestockProductInputType : InputObjectGraphType<RestockProductInput>
{
    public RestockProductInputType()
    {
        Name = "RestockProductInput";
        Field(i => i.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Quantity).Description("Units to add to the stock, more than 0.");
    }
}
