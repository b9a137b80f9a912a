using Graph.Api.Data;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

public sealed class AccountQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<UserType, User>("me")
            .Description("The signed-in user; null when nobody is signed in.")
            .ResolveAsync(async context =>
            {
                if (context.User.GetUserId() is not { } id)
                {
                    return null;
                }

                await using var db = await context.CreateDbContextAsync();
                return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken);
            });
    }
}
