using Graph.AspNetCore.Data;

namespace Graph.Api.Orders;

/// <summary><c>OrderFilterInput</c>: what order lists can be filtered by.</summary>
public sealed class OrderFilterInputType : FilterInputType<Order>
{
    public OrderFilterInputType()
    {
        Name = "OrderFilterInput";
        Field("number", o => o.Number);
        Field("status", o => o.Status);
        Field("total", o => o.Total);
        Field("placedAt", o => o.PlacedAt);
        Field("updatedAt", o => o.UpdatedAt);
    }
}

/// <summary><c>OrderSortInput</c>: what order lists can be sorted by.</summary>
public sealed class OrderSortInputType : SortInputType<Order>
{
    public OrderSortInputType()
    {
        Name = "OrderSortInput";
        Field("number", o => o.Number);
        Field("status", o => o.Status);
        Field("total", o => o.Total);
        Field("placedAt", o => o.PlacedAt);
        Field("updatedAt", o => o.UpdatedAt);
    }
}
