using System.Security.Claims;
using Graph.AspNetCore.Authorization;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Authorization;

/// <summary><c>.RequireMfa()</c>: declared beside the roles on one <c>@authorize</c>, evaluated through the application's SecondFactor policy.</summary>
public class SecondFactorTests
{
    private static readonly AuthorizeRequirement StaffWithMfa = new(["STAFF"], null, Mfa: true);

    [Fact]
    public void RequireMfa_adds_to_the_authorize_already_declared()
    {
        var field = new FieldType { Name = "orders" }.RequireRoles("STAFF", "ADMIN").RequireMfa();

        var requirement = field.GetAuthorizeRequirement();

        Assert.Equal(["STAFF", "ADMIN"], requirement!.Roles);
        Assert.True(requirement.Mfa);
        Assert.Single(field.GetAppliedDirectives()!);
    }

    [Theory]
    [InlineData(null, null, false, "AUTH_NOT_AUTHENTICATED")]
    [InlineData("CUSTOMER", "otp", false, "AUTH_NOT_AUTHORIZED")]
    [InlineData("STAFF", null, false, "AUTH_MFA_REQUIRED")]
    [InlineData("STAFF", "otp", true, null)]
    public async Task A_role_is_not_enough_without_the_second_factor(string? role, string? amr, bool allowed, string? code)
    {
        var authorizer = Authorizer(definePolicy: true);
        var user = User(role, amr);

        Assert.Equal(allowed, await authorizer.IsAllowedWithoutResourceAsync(user, StaffWithMfa));
        if (code is not null)
        {
            Assert.Equal(code, (await authorizer.DenialAsync(user, StaffWithMfa, "'orders'")).Code);
        }
    }

    [Fact]
    public async Task Without_the_applications_policy_no_second_factor_counts()
    {
        var authorizer = Authorizer(definePolicy: false);

        Assert.False(await authorizer.IsAllowedWithoutResourceAsync(User("STAFF", "otp"), StaffWithMfa));
    }

    private static GraphQLAuthorizer Authorizer(bool definePolicy)
    {
        var services = new ServiceCollection().AddLogging().AddAuthorization(options =>
        {
            if (definePolicy)
            {
                options.AddPolicy(GraphQLAuthorizationPolicies.SecondFactor, policy => policy.RequireClaim("amr", "otp"));
            }
        }).BuildServiceProvider();
        return new GraphQLAuthorizer(services.GetRequiredService<IAuthorizationService>(), services.GetRequiredService<IAuthorizationPolicyProvider>());
    }

    private static ClaimsPrincipal User(string? role, string? amr)
    {
        if (role is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        List<Claim> claims = [new("role", role), new("amr", "pwd")];
        if (amr is not null)
        {
            claims.Add(new Claim("amr", amr));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "name", "role"));
    }
}
