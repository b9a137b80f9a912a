using Graph.Api.Accounts;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Data;

namespace Graph.Api.Catalog;

/// <summary>
/// <c>ProductFilterInput</c>: what product lists can be filtered by. A filter on <c>stock</c> is
/// read access to it, so it carries the same <c>@authorize</c> as <c>Product.stock</c>.
/// </summary>
public sealed class ProductFilterInputType : FilterInputType<Product>
{
    public ProductFilterInputType()
    {
        Name = "ProductFilterInput";
        Field("name", p => p.Name);
        Field("sku", p => p.Sku);
        Field("price", p => p.Price);
        Field("inStock", p => p.Stock > 0);
        Field("stock", p => p.Stock).RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa();
        Field("createdAt", p => p.CreatedAt);
    }
}

/// <summary><c>ProductSortInput</c>: what product lists can be sorted by.</summary>
public sealed class ProductSortInputType : SortInputType<Product>
{
    public ProductSortInputType()
    {
        Name = "ProductSortInput";
        Field("name", p => p.Name);
        Field("price", p => p.Price);
        Field("createdAt", p => p.CreatedAt);
    }
}
