using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Caching;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Graph.Api.Accounts;

public sealed class AccountQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Field<UserType, IDataLoaderResult<User?>>("me")
            .Description("The signed-in user; null when nobody is signed in.")
            .VariesByViewer()
            .Resolve(context => context.User.GetUserId() is { } id
                ? context.GetDataLoader<UserByIdDataLoader>().LoadAsync(id)
                : DataLoaderResult.FromValue<User?>(null));

        query.Connection<UserType, object?, User>("users")
            .Description("Every account, oldest first; ADMIN only.")
            .Key(u => u.Id)
            .ResolveAsync((context, request) => context.ReadAsync((db, token) => request.ExecuteAsync(db, token)))
            .RequireRoles(ShopRoles.Admin)
            .RequireMfa();
    }
}
