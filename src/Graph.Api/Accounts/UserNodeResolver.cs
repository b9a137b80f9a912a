using System.Globalization;
using Graph.Api.Data;
using Graph.AspNetCore.Relay;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

public sealed class UserNodeResolver : INodeResolver
{
    public string TypeName => "User";

    public async ValueTask<object?> ResolveAsync(string key, IResolveFieldContext context)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var db = await context.CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken);
    }
}
