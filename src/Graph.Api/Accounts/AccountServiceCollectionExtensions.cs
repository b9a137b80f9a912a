using Graph.Api.Accounts.Mfa;
using Graph.Api.Accounts.Sessions;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;

namespace Graph.Api.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Accounts in the schema: <c>me</c>, <c>users</c>, <c>signUp</c>, <c>logIn</c>, multi-factor
    /// authentication, sign-out everywhere, password and role changes, the user loader
    /// and node resolver, and the validation of tokens sent in a WebSocket's <c>connection_init</c>.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, AccountQueries>();
        services.AddSingleton<IMutationFields, AccountMutations>();
        services.AddSingleton<IMutationFields, MfaMutations>();
        services.AddSingleton<IMutationFields, SessionMutations>();
        services.AddSingleton<IMutationFields, AdminAccountMutations>();
        services.AddSingleton<MfaCodes>();
        services.AddNodeLoader<UserByIdDataLoader, User>("User");
        services.AddSingleton<IConnectionTokenValidator, JwtConnectionTokenValidator>();
        return services;
    }
}
