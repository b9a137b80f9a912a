namespace Graph.Api.Orders;

/// <summary>Where an order is in its lifecycle (src/Graph.Api/README.md).</summary>
public enum OrderStatus
{
    Placed,
    Preparing,
    Shipped,
    Delivered,
    Cancelled,
}
