using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Accounts;

/// <summary>Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.</summary>
public abstract class AccountTests(DatabaseProvider provider) : IDisposable
{
    private const string SignUp = """
        mutation SignUp($email: String!, $password: String!, $displayName: String!) {
          signUp(input: { email: $email, password: $password, displayName: $displayName }) {
            token
            user { id email displayName role }
            errors { __typename ... on Error { message } }
          }
        }
        """;

    private const string LogIn = """
        mutation LogIn($email: String!, $password: String!) {
          logIn(input: { email: $email, password: $password }) {
            token
            user { id email displayName role }
            errors { __typename ... on Error { message } }
          }
        }
        """;

    private readonly ShopApiFactory _factory = new(provider);
    private HttpClient? _clientInstance;

    private HttpClient _client => _clientInstance ??= _factory.CreateClient();

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Sign_up_creates_a_customer_whose_email_is_normalised_and_signs_it_in()
    {
        var response = await _client.PostAsync(SignUp, new { email = "  Carol@Shop.Test ", password = "s3cretPass", displayName = "Carol" });

        response.AssertNoErrors();
        var payload = response.Data!["signUp"]!;
        Assert.Null(payload["errors"]);
        Assert.False(string.IsNullOrEmpty(payload["token"]?.GetValue<string>()));
        Assert.Equal("carol@shop.test", payload["user"]!["email"]!.GetValue<string>());
        Assert.Equal("CUSTOMER", payload["user"]!["role"]!.GetValue<string>());

        var me = await WithToken(payload["token"]!.GetValue<string>()).PostAsync("{ me { displayName email } }");
        Assert.Equal("Carol", me.Data!["me"]!["displayName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("alice@shop.test", "s3cretPass", "Alice 2", "EmailTakenError")]
    [InlineData("ALICE@shop.test", "s3cretPass", "Alice 2", "EmailTakenError")]
    [InlineData("not-an-email", "s3cretPass", "X", "InvalidEmailError")]
    [InlineData("dan@shop.test", "short1", "Dan", "WeakPasswordError")]
    [InlineData("dan@shop.test", "onlyletters", "Dan", "WeakPasswordError")]
    [InlineData("dan@shop.test", "s3cretPass", "   ", "InvalidDisplayNameError")]
    public async Task Sign_up_with_bad_input_is_a_typed_error_and_creates_nothing(string email, string password, string displayName, string error)
    {
        var response = await _client.PostAsync(SignUp, new { email, password, displayName });

        response.AssertNoErrors();
        var payload = response.Data!["signUp"]!;
        Assert.Null(payload["token"]);
        Assert.Null(payload["user"]);
        Assert.Equal(error, payload["errors"]![0]!["__typename"]!.GetValue<string>());
        var login = await _client.PostAsync(LogIn, new { email, password });
        Assert.Null(login.Data!["logIn"]!["token"]);
    }

    [Fact]
    public async Task Log_in_returns_a_token_and_the_user_read_as_that_user()
    {
        var response = await _client.PostAsync(LogIn, new { email = "alice@shop.test", password = "Passw0rd!" });

        response.AssertNoErrors();
        Assert.Equal("alice@shop.test", response.Data!["logIn"]!["user"]!["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("alice@shop.test", "wrong-Passw0rd")]
    [InlineData("nobody@shop.test", "Passw0rd!")]
    public async Task Wrong_credentials_get_one_message_whichever_part_is_wrong(string email, string password)
    {
        var response = await _client.PostAsync(LogIn, new { email, password });

        response.AssertNoErrors();
        var error = response.Data!["logIn"]!["errors"]![0]!;
        Assert.Equal("InvalidCredentialsError", error["__typename"]!.GetValue<string>());
        Assert.Equal("The email or password is wrong.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Log_in_attempts_are_rate_limited_per_client_address()
    {
        using var limited = new ShopApiFactory { Settings = { ["Auth:SignInAttemptsPerMinute"] = "3" } };
        using var client = limited.CreateClient();

        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync(LogIn, new { email = "alice@shop.test", password = "wrong-Passw0rd" });
            codes.Add(response.ErrorCodes.Count > 0 ? response.ErrorCodes[0] : null);
        }

        Assert.Equal([null, null, null, "RATE_LIMITED", "RATE_LIMITED"], codes);
    }

    [Fact]
    public async Task Me_is_null_for_an_anonymous_caller()
    {
        var response = await _client.PostAsync("{ me { id } }");

        response.AssertNoErrors();
        Assert.Null(response.Data!["me"]);
    }

    private HttpClient WithToken(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Racing_sign_ups_for_one_email_make_one_account_and_typed_errors_for_the_rest()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _client.PostAsync(SignUp, new { email = "racer@shop.test", password = "Str0ng-Passw0rd!", displayName = $"Racer {i}" })));

        Assert.All(responses, r => r.AssertNoErrors());
        Assert.Single(responses, r => r.Data!["signUp"]!["user"] is not null);
        Assert.Equal(7, responses.Count(r => r.Data!["signUp"]!["errors"]?[0]?["__typename"]?.GetValue<string>() == "EmailTakenError"));
    }

    public sealed class OnSqlite() : AccountTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : AccountTests(DatabaseProvider.Postgres);
}
