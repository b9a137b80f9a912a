using System.Globalization;
using Graph.Api.Data;
using Graph.AspNetCore.Relay;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

public sealed class ProductNodeResolver : INodeResolver
{
    public string TypeName => "Product";

    public async ValueTask<object?> ResolveAsync(string key, IResolveFieldContext context)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var db = await context.CreateDbContextAsync();
        return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken);
    }
}

public sealed class CategoryNodeResolver : INodeResolver
{
    public string TypeName => "Category";

    public async ValueTask<object?> ResolveAsync(string key, IResolveFieldContext context)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var db = await context.CreateDbContextAsync();
        return await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken);
    }
}
