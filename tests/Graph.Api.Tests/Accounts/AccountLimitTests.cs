using Graph.Api.Accounts;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// logIn is limited per account as well as per address: after five consecutive failures for an email,
/// from however many addresses, each attempt must wait a growing delay (RATE_LIMITED with
/// extensions.retryAfter), known account or not; a success resets the count.
/// </summary>
public sealed class AccountLimitTests : IDisposable
{
    private const string LogIn = """
        mutation($email: String!, $password: String!) {
          logIn(input: { email: $email, password: $password }) { token errors { __typename } }
        }
        """;

    // The throttle's clock stands still, so a wait never runs out between two requests of a test.
    private readonly ShopApiFactory _factory = new()
    {
        TestServices = services => services.AddSingleton(provider =>
            new SignInFailureThrottle(provider.GetRequiredService<IOptions<AuthOptions>>(), new FrozenTime())),
    };
    private int _address;

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(DemoAccounts.Alice)]
    [InlineData("nobody@shop.test")]
    public async Task Failures_from_many_addresses_make_the_account_wait(string email)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(Outcome(await AttemptAsync(email, "wrong-Passw0rd")));
        }

        var limited = await AttemptAsync(email, DemoAccounts.Password);

        Assert.Equal(Enumerable.Repeat("InvalidCredentialsError", 5), outcomes);
        Assert.Equal("RATE_LIMITED", Outcome(limited));
        Assert.True(limited.Errors![0]!["extensions"]!["retryAfter"]!.GetValue<int>() >= 1);
        Assert.Null(limited.Data?["logIn"]);
    }

    [Fact]
    public async Task The_limit_keys_on_the_normalised_email()
    {
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(i % 2 == 0 ? "  ALICE@shop.test" : "\uFF41lice@shop.test", "wrong-Passw0rd");
        }

        Assert.Equal("RATE_LIMITED", Outcome(await AttemptAsync(DemoAccounts.Alice, DemoAccounts.Password)));
    }

    [Fact]
    public async Task A_success_resets_the_count_and_other_accounts_are_not_affected()
    {
        var outcomes = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                outcomes.Add(Outcome(await AttemptAsync(DemoAccounts.Alice, "wrong-Passw0rd")));
            }

            outcomes.Add(Outcome(await AttemptAsync(DemoAccounts.Alice, DemoAccounts.Password)));
        }

        for (var i = 0; i < 6; i++)
        {
            await AttemptAsync("nobody@shop.test", "wrong-Passw0rd");
        }

        Assert.Equal([.. Enumerable.Repeat("InvalidCredentialsError", 4), "signed in", .. Enumerable.Repeat("InvalidCredentialsError", 4), "signed in"], outcomes);
        Assert.Equal("signed in", Outcome(await AttemptAsync(DemoAccounts.Bob, DemoAccounts.Password)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(13, 256)]
    [InlineData(14, 300)]
    [InlineData(int.MaxValue, 300)]
    public void The_wait_doubles_after_the_free_failures_up_to_the_cap(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInFailureThrottle.DelayAfter(failures, 5, TimeSpan.FromMinutes(5)));
    }

    // Every attempt from a new address, so the per-address limit never decides.
    private async Task<GraphQLResponse> AttemptAsync(string email, string password) =>
        (await _factory.PostFromAsync(ClientAddress.Numbered(++_address), LogIn, new { email, password })).Response;

    private sealed class FrozenTime : TimeProvider
    {
        private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private static string Outcome(GraphQLResponse response) =>
        response.Errors is { Count: > 0 } errors ? errors[0]!["extensions"]!["code"]!.GetValue<string>()
        : response.Data!["logIn"]!["errors"] is { } typed ? typed[0]!["__typename"]!.GetValue<string>()
        : "signed in";
}
