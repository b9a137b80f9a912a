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
            .Resolve(context => context.User.GetUserId() is { } id
                ? context.GetDataLoader<UserByIdDataLoader>().LoadAsync(id)
                : DataLoaderResult.FromValue<User?>(null));
    }
}
