using Graph.Api.Accounts;
using Graph.Api.Carts;
using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Mutations;
using Graph.AspNetCore.Relay;
using GraphQL.Types;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>Catalog admin (STAFF, ADMIN): <c>createProduct</c>, <c>updateProduct</c>, <c>restockProduct</c>.</summary>
public sealed class ProductMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.MutationField<CreateProductInputType, CreateProductPayloadType, ProductPayload>("createProduct")
            .Description("Adds a product to the catalog; its URL name is made from its name.")
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa()
            .ResolveAsync(async context => await CreateAsync(context, context.GetInput<CreateProductInput>()));

        mutation.MutationField<UpdateProductInputType, UpdateProductPayloadType, ProductPayload>("updateProduct")
            .Description("Changes a product's SKU, name, description, price or category.")
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa()
            .ResolveAsync(async context => await UpdateAsync(context, context.GetInput<UpdateProductInput>()));

        mutation.MutationField<RestockProductInputType, RestockProductPayloadType, ProductPayload>("restockProduct")
            .Description("Adds units to a product's stock.")
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa()
            .ResolveAsync(async context => await RestockAsync(context, context.GetInput<RestockProductInput>()));
    }

    private static async Task<ProductPayload> CreateAsync(IResolveFieldContext context, CreateProductInput input)
    {
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return ProductPayload.Failed(errors);
        }

        var (sku, name) = (input.Sku.Trim(), input.Name.Trim());
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await context.OpenDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await db.SerializeAsync(WriteLocks.Catalog, context.CancellationToken);
        if (await CheckAsync(db, context, sku, input.CategoryId) is { } invalid)
        {
            return ProductPayload.Failed(invalid);
        }

        GlobalId.TryDecode(input.CategoryId, "Category", out var categoryId);
        var product = new Product
        {
            Sku = sku,
            Name = name,
            Slug = await ProductRules.UniqueSlugAsync(db, name, context.CancellationToken),
            Description = input.Description,
            Price = input.Price,
            Stock = input.Stock,
            CategoryId = categoryId,
            CreatedAt = now,
            RowVersion = Product.NewRowVersion(),
        };
        db.Products.Add(product);
        await db.SaveChangesAsync(context.CancellationToken);

        // A new product enters the catalog's lists: the response cache drops them (ProductChanged).
        db.AddEvent(new ProductChanged(product.Id, product.CategoryId, null), now);
        if (product.Stock > 0)
        {
            db.AddEvent(new ProductStockChanged(product.Id, product.Stock, product.CategoryId), now);
        }

        await db.SaveChangesAsync(context.CancellationToken);

        await transaction.CommitAsync(context.CancellationToken);
        return new ProductPayload(product.Id, null);
    }

    private static async Task<ProductPayload> UpdateAsync(IResolveFieldContext context, UpdateProductInput input)
    {
        if (!GlobalId.TryDecode(input.ProductId, "Product", out var id))
        {
            return ProductPayload.Failed(new ProductNotFoundError(input.ProductId));
        }

        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return ProductPayload.Failed(errors);
        }

        await using var db = await context.OpenDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await db.SerializeAsync(WriteLocks.Catalog, context.CancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken);
        if (product is null)
        {
            return ProductPayload.Failed(new ProductNotFoundError(input.ProductId));
        }

        var sku = input.Sku?.Trim();
        if (await CheckAsync(db, context, sku == product.Sku ? null : sku, input.CategoryId) is { } invalid)
        {
            return ProductPayload.Failed(invalid);
        }

        product.Sku = sku ?? product.Sku;
        product.Name = input.Name?.Trim() ?? product.Name;
        product.Description = input.Description ?? product.Description;
        product.Price = input.Price ?? product.Price;
        product.CategoryId = input.CategoryId is not null && GlobalId.TryDecode(input.CategoryId, "Category", out var categoryId) ? categoryId : product.CategoryId;
        product.RowVersion = Product.NewRowVersion();

        // Every edit is an event, so that no cached page keeps the old name, price or section.
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var previousCategoryId = db.Entry(product).Property(p => p.CategoryId).OriginalValue;
        db.AddEvent(new ProductChanged(id, product.CategoryId, previousCategoryId == product.CategoryId ? null : previousCategoryId), now);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        context.GetDataLoader<ProductByIdDataLoader>().Remove(id);
        return new ProductPayload(id, null);
    }

    private static async Task<ProductPayload> RestockAsync(IResolveFieldContext context, RestockProductInput input)
    {
        if (!GlobalId.TryDecode(input.ProductId, "Product", out var id))
        {
            return ProductPayload.Failed(new ProductNotFoundError(input.ProductId));
        }

        if (input.Quantity is < 1 or > ProductRules.MaxStock)
        {
            return ProductPayload.Failed(new InvalidQuantityError(input.Quantity, ProductRules.MaxStock));
        }

        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await context.OpenDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);

        // Added in SQL, never read-modify-write: a checkout taking units at the same moment keeps its count.
        var changed = await db.Products.Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + input.Quantity), context.CancellationToken);
        if (changed == 0)
        {
            return ProductPayload.Failed(new ProductNotFoundError(input.ProductId));
        }

        await db.AddStockChangedEventsAsync([id], now, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        context.GetDataLoader<ProductByIdDataLoader>().Remove(id);
        return new ProductPayload(id, null);
    }

    // The checks that need the database: the SKU is free (when one is given), the category exists (when one is given).
    private static async Task<IPayloadError?> CheckAsync(ShopDbContext db, IResolveFieldContext context, string? sku, string? categoryGlobalId)
    {
        if (sku is not null && await db.Products.AnyAsync(p => p.Sku == sku, context.CancellationToken))
        {
            return new DuplicateSkuError(sku);
        }

        if (categoryGlobalId is not null
            && (!GlobalId.TryDecode(categoryGlobalId, "Category", out var categoryId)
                || !await db.Categories.AnyAsync(c => c.Id == categoryId, context.CancellationToken)))
        {
            return new CategoryNotFoundError(categoryGlobalId);
        }

        return null;
    }
}
