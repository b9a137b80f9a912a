using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Accounts;

/// <summary>Emails are compared in Unicode NFKC and lower case: full-width or compatibility letters are the letters they stand for.</summary>
public sealed class EmailNormalisationTests : IDisposable
{
    // "Ａlice@Ｅxample.com" with full-width A and E (U+FF21, U+FF25).
    private const string FullWidth = "\uFF21lice@\uFF25xample.com";

    private const string SignUp = """
        mutation($email: String!) {
          signUp(input: { email: $email, password: "s3cretPass", displayName: "Alice" }) { user { email } errors { __typename } }
        }
        """;

    private const string LogIn = """
        mutation($email: String!) {
          logIn(input: { email: $email, password: "s3cretPass" }) { user { email } errors { __typename } }
        }
        """;

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_full_width_email_collides_with_its_plain_form()
    {
        using var client = _factory.CreateClient();

        var plain = await client.PostAsync(SignUp, new { email = "alice@example.com" });
        var wide = await client.PostAsync(SignUp, new { email = FullWidth });

        Assert.Equal("alice@example.com", plain.Data!["signUp"]!["user"]!["email"]!.GetValue<string>());
        Assert.Equal("EmailTakenError", wide.Data!["signUp"]!["errors"]![0]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_full_width_email_signs_in_as_the_plain_account()
    {
        using var client = _factory.CreateClient();
        await client.PostAsync(SignUp, new { email = "alice@example.com" });

        var response = await client.PostAsync(LogIn, new { email = FullWidth });

        response.AssertNoErrors();
        Assert.Equal("alice@example.com", response.Data!["logIn"]!["user"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_full_width_sign_up_is_stored_in_the_plain_form()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(SignUp, new { email = FullWidth });

        Assert.Equal("alice@example.com", response.Data!["signUp"]!["user"]!["email"]!.GetValue<string>());
    }
}
