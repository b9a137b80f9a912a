using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// A shop whose clock the test moves (<see cref="FakeTimeProvider"/>, registered as the app's
/// <see cref="TimeProvider"/>), and the MFA steps a person takes, with codes computed by Otp.NET from
/// the secret <c>beginMfaEnrollment</c> returned. The clock starts ten minutes behind the real one,
/// 5 s into a TOTP step: tokens (whose expiry the JWT handler checks on the real clock) stay valid
/// however far the tests move it forward within that.
/// </summary>
public sealed class MfaKit : IDisposable
{
    public MfaKit()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds() / 30 * 30 + 5;
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(start));
        Factory = new ShopApiFactory { TestServices = services => services.AddSingleton<TimeProvider>(Clock) };
    }

    public FakeTimeProvider Clock { get; }

    public ShopApiFactory Factory { get; }

    public void Dispose() => Factory.Dispose();

    /// <summary>The six-digit code of <paramref name="secret"/> at the shop's clock, <paramref name="steps"/> steps away.</summary>
    public string Code(byte[] secret, int steps = 0) => new Totp(secret).ComputeTotp(Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));

    public void NextStep() => Clock.Advance(TimeSpan.FromSeconds(30));

    /// <summary>A client carrying <paramref name="token"/> (none when null).</summary>
    public HttpClient Client(string? token)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<JsonNode> LogInAsync(string email, string password = DemoAccounts.Password)
    {
        using var client = Client(null);
        var response = await client.PostAsync(
            "mutation($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token mfaEnrollmentRequired mfaChallenge { ticket expiresAt } errors { __typename } } }",
            new { email, password });
        response.AssertNoErrors();
        return response.Data!["logIn"]!;
    }

    /// <summary>Enrols <paramref name="email"/>: its secret, recovery codes and the new token.</summary>
    public async Task<(byte[] Secret, string[] RecoveryCodes, string Token)> EnrolAsync(string email)
    {
        var token = (await LogInAsync(email))["token"]!.GetValue<string>();
        using var client = Client(token);
        var begin = await client.PostAsync("mutation { beginMfaEnrollment { secret otpauthUri errors { __typename } } }");
        begin.AssertNoErrors();
        var secret = Base32Encoding.ToBytes(begin.Data!["beginMfaEnrollment"]!["secret"]!.GetValue<string>());
        var confirm = await client.PostAsync("mutation($code: String!) { confirmMfaEnrollment(input: { code: $code }) { token recoveryCodes errors { __typename } } }", new { code = Code(secret) });
        confirm.AssertNoErrors();
        var payload = confirm.Data!["confirmMfaEnrollment"]!;
        Assert.Null(payload["errors"]);
        return (secret, payload["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray(), payload["token"]!.GetValue<string>());
    }

    public async Task<JsonNode> VerifyAsync(string ticket, string code)
    {
        using var client = Client(null);
        var response = await client.PostAsync(
            "mutation($ticket: String!, $code: String!) { verifyMfa(input: { ticket: $ticket, code: $code }) { token user { email } errors { __typename } } }",
            new { ticket, code });
        return response.Json!;
    }

    /// <summary>The ticket of a fresh challenge for an enrolled user.</summary>
    public async Task<string> ChallengeAsync(string email) => (await LogInAsync(email))["mfaChallenge"]!["ticket"]!.GetValue<string>();

    /// <summary>Who a token signs in, or null when it signs nobody in.</summary>
    public async Task<string?> WhoAsync(string token)
    {
        using var client = Client(token);
        var me = await client.PostAsync("{ me { email } }");
        return me.Data?["me"]?["email"]?.GetValue<string>();
    }

    /// <summary>The <c>amr</c> claim of a token (read, not validated).</summary>
    public static string[] Amr(string token) =>
        new JsonWebToken(token).Claims.Where(c => c.Type == "amr").Select(c => c.Value).ToArray();
}
