using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Graph.Api.Tests.Accounts;

/// <summary>Tokens that are not exactly what the server issued authenticate nobody.</summary>
public sealed class ForgedTokenTests : IDisposable
{
    private const string Key = "test-signing-key-that-is-long-enough-for-hs256!";
    private const string AdminId = "1";

    private readonly ShopApiFactory _factory = new() { Settings = { ["Auth:SigningKey"] = Key } };

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Forgeries() =>
    [
        "alg-none", "bad-signature", "changed-payload", "wrong-issuer", "wrong-audience", "expired", "garbage", "hs512",
    ];

    [Fact]
    public async Task A_genuine_token_authenticates()
    {
        var response = await MeAsync(Token(Key, "graph-shop", "graph-shop", DateTime.UtcNow.AddMinutes(5)));

        Assert.Equal("Ada Admin", response.Data?["me"]?["displayName"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_token_authenticates_nobody(string forgery)
    {
        var token = forgery switch
        {
            "alg-none" => Unsigned(),
            "bad-signature" => Token("another-signing-key-that-is-long-enough-too!!", "graph-shop", "graph-shop", DateTime.UtcNow.AddMinutes(5)),
            "changed-payload" => ChangePayload(Token(Key, "graph-shop", "graph-shop", DateTime.UtcNow.AddMinutes(5), role: "CUSTOMER", subject: "3")),
            "wrong-issuer" => Token(Key, "someone-else", "graph-shop", DateTime.UtcNow.AddMinutes(5)),
            "wrong-audience" => Token(Key, "graph-shop", "another-app", DateTime.UtcNow.AddMinutes(5)),
            "expired" => Token(Key, "graph-shop", "graph-shop", DateTime.UtcNow.AddMinutes(-2)),
            "hs512" => Token(Key + Key, "graph-shop", "graph-shop", DateTime.UtcNow.AddMinutes(5), algorithm: SecurityAlgorithms.HmacSha512),
            _ => "not.a.token",
        };

        var response = await MeAsync(token);

        Assert.Null(response.Data?["me"]);
    }

    [Fact]
    public async Task A_token_just_past_expiry_is_accepted_within_the_30_second_skew()
    {
        var response = await MeAsync(Token(Key, "graph-shop", "graph-shop", DateTime.UtcNow.AddSeconds(-10)));

        Assert.NotNull(response.Data?["me"]);
    }

    private async Task<GraphQLResponse> MeAsync(string token)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsync("{ me { displayName } }");
        response.AssertNoErrors();
        return response;
    }

    // A token as the server makes them, with the user's current security stamp (without it a token is refused).
    private string Token(string key, string issuer, string audience, DateTime expires, string role = "ADMIN", string subject = AdminId, string algorithm = SecurityAlgorithms.HmacSha256) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role), new Claim("name", "x"), new Claim("sst", StampOf(int.Parse(subject, System.Globalization.CultureInfo.InvariantCulture)))]),
            Issuer = issuer,
            Audience = audience,
            NotBefore = expires.AddHours(-1),
            IssuedAt = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        });

    private string StampOf(int userId)
    {
        using var db = _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();
        return db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).Single();
    }

    private static string Unsigned()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var payload = Base64Url($$"""{"sub":"{{AdminId}}","role":"ADMIN","iss":"graph-shop","aud":"graph-shop","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    // The customer's genuine token with its payload swapped for one claiming to be the admin.
    private static string ChangePayload(string token)
    {
        var parts = token.Split('.');
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        parts[1] = Base64Url($$"""{"sub":"{{AdminId}}","role":"ADMIN","name":"x","iss":"graph-shop","aud":"graph-shop","exp":{{exp}}}""");
        return string.Join('.', parts);
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
