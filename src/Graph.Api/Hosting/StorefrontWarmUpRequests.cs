using System.Text.Json;
using Graph.Api.Data;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.WarmUp;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Hosting;

/// <summary>
/// The warm-up of a fresh instance: the storefront's anonymous queries from the trusted documents,
/// sent by their text as the frontend sends them, with variables taken from the catalog (the first
/// section by name, and a reviewed product, so that the product page reaches its reviews and their
/// authors). Mutations and the signed-in pages are left out: the warm-up must change nothing.
/// </summary>
public sealed class StorefrontWarmUpRequests(TrustedDocuments documents, IDbContextFactory<ShopDbContext> factory) : IGraphQLWarmUpRequests
{
    public async Task<IReadOnlyList<WarmUpRequest>> GetAsync(CancellationToken cancellationToken)
    {
        string? categorySlug;
        string? productSlug;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            categorySlug = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
            productSlug = await db.Products.AsNoTracking()
                .OrderByDescending(p => p.ReviewCount).ThenBy(p => p.Id)
                .Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken);
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Storefront"] = new { first = 12 },
            ["CheapInStock"] = new { max = 50 },
        };
        if (categorySlug is not null)
        {
            variables["CategoryPage"] = new { slug = categorySlug, first = 20 };
        }

        if (productSlug is not null)
        {
            variables["ProductPage"] = new { slug = productSlug };
        }

        return
        [
            .. documents.All
                .Where(document => document.Name is not null && variables.ContainsKey(document.Name))
                .Select(document => new WarmUpRequest(document.Name!, JsonSerializer.Serialize(new
                {
                    query = document.Body,
                    operationName = document.Name,
                    variables = variables[document.Name!],
                }))),
        ];
    }
}
