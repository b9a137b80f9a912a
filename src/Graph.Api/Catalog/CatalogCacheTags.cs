using Graph.Api.Outbox;
using Graph.AspNetCore.Caching;

namespace Graph.Api.Catalog;

/// <summary>
/// The shop's map from its events to the response cache's tags: what each committed change makes
/// stale (src/Graph.Api/README.md, the response cache). Entities are tagged by the serving layer as
/// they are read (<c>Product:12</c>, <c>Category:3</c>, <c>Review:7</c>, <c>User:2</c>), lists by
/// their type (<c>Products</c>: the catalog's own list and lookups by slug) or their parent
/// (<c>Category:3/products</c>, <c>Product:12/reviews</c>).
/// </summary>
public static class CatalogCacheTags
{
    private static readonly string Products = CacheTags.List("Product");
    private static readonly string Reviews = CacheTags.List("Review");

    /// <summary>
    /// The tags <paramref name="domainEvent"/> makes stale: none for an event that changes nothing a
    /// public page shows; null when it cannot tell (every cached result must go).
    /// </summary>
    public static IReadOnlyList<string>? Of(IDomainEvent domainEvent) => domainEvent switch
    {
        // inStock is shown, filtered and sorted on: the product and every list that may hold it.
        // Rows written before the event carried its category (0) cannot say which section's list.
        ProductStockChanged { CategoryId: 0 } => null,
        ProductStockChanged stock => [Product(stock.ProductId), Products, CategoryProducts(stock.CategoryId)],

        // Name, price, SKU, description or section: the product, and every list it is or was in.
        ProductChanged { PreviousCategoryId: { } previous } changed =>
            [Product(changed.ProductId), Products, CategoryProducts(changed.CategoryId), CategoryProducts(previous)],
        ProductChanged changed => [Product(changed.ProductId), Products, CategoryProducts(changed.CategoryId)],

        // The product's rating fields and its reviews (rating is neither filtered nor sorted on:
        // a list showing the product carries its tag).
        ReviewAdded review => [Product(review.ProductId), CacheTags.Child(Product(review.ProductId), "reviews"), CacheTags.Entity("Review", review.ReviewId), Reviews],

        // Orders are personal, never cached; what checkout does to stock comes as ProductStockChanged.
        OrderPlaced or OrderStatusChanged => [],
        _ => null,
    };

    private static string Product(int id) => CacheTags.Entity("Product", id);

    private static string CategoryProducts(int categoryId) => CacheTags.Child(CacheTags.Entity("Category", categoryId), "products");
}
