using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;

namespace Graph.Api.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Accounts in the schema: <c>me</c>, <c>users</c>, <c>signUp</c>, <c>logIn</c>, the user loader
    /// and node resolver, and the validation of tokens sent in a WebSocket's <c>connection_init</c>.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, AccountQueries>();
        services.AddSingleton<IMutationFields, AccountMutations>();
        services.AddNodeLoader<UserByIdDataLoader, User>("User");
        services.AddSingleton<IConnectionTokenValidator, JwtConnectionTokenValidator>();
        return services;
    }
}
