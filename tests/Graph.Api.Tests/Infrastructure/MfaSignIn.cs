using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Signs a user in the way a person with an authenticator app does: the password, then for an
/// account with MFA the challenge answered with a TOTP code computed by Otp.NET from the secret;
/// a STAFF or ADMIN account without MFA is enrolled on its first sign-in (beginMfaEnrollment, a code,
/// confirmMfaEnrollment), as the server demands. Each server's enrolments are remembered by its base
/// address, so later sign-ins answer the challenge. A code is never replayed: after the current and
/// the next time step have been used, an unused recovery code answers instead.
/// </summary>
public static class MfaSignIn
{
    private const string LogIn = """
        mutation($email: String!, $password: String!) {
          logIn(input: { email: $email, password: $password }) { token mfaEnrollmentRequired mfaChallenge { ticket } errors { __typename } }
        }
        """;

    // Each enrolment under two keys: the server's base address and email, and the account's security
    // stamp (carried by the challenge's ticket), which finds it again when the same database is served
    // on another address (a restarted process, another instance of a scale-out).
    private static readonly ConcurrentDictionary<string, Enrolment> Enrolments = new();

    /// <summary>The token of a complete sign-in of <paramref name="email"/> (with the second factor where the account has or needs one).</summary>
    public static async Task<string> LogInAsync(HttpClient client, string email, string password, TimeProvider? clock = null)
    {
        var response = await PostAsync(client, LogIn, new { email, password }, token: null);
        var logIn = response["logIn"]!;
        Assert.True(logIn["errors"] is null, $"logIn of {email} failed: {logIn.ToJsonString()}");
        var key = (client.BaseAddress!.ToString(), email);
        if (logIn["mfaChallenge"]?["ticket"]?.GetValue<string>() is { } ticket)
        {
            Assert.True(
                Enrolments.TryGetValue(AddressKey(key), out var known) || Enrolments.TryGetValue(StampKey(ticket), out known),
                $"{email} has MFA on {key.Item1} but was not enrolled through this helper");
            var verified = await VerifyAsync(client, known, ticket, clock ?? TimeProvider.System);
            Enrolments[AddressKey(key)] = known;
            Enrolments[StampKey(verified)] = known;
            return verified;
        }

        var token = logIn["token"]!.GetValue<string>();
        return logIn["mfaEnrollmentRequired"]!.GetValue<bool>() ? await EnrolAsync(client, key, token, clock ?? TimeProvider.System) : token;
    }

    /// <summary>Enrols <paramref name="email"/>, signed in with <paramref name="token"/>, and returns the new token (with the second factor).</summary>
    public static Task<string> EnrolAsync(HttpClient client, string email, string token) =>
        EnrolAsync(client, (client.BaseAddress!.ToString(), email), token, TimeProvider.System);

    /// <summary>A code <paramref name="email"/> (enrolled through this helper on the client's server) has not used yet.</summary>
    public static string NextCode(HttpClient client, string email)
    {
        var enrolment = Enrolments[AddressKey((client.BaseAddress!.ToString(), email))];
        return enrolment.NextTotp(TimeProvider.System)
            ?? (enrolment.RecoveryCodes.TryDequeue(out var recovery) ? recovery : throw new InvalidOperationException("Every code of this enrolment is used up."));
    }

    private static async Task<string> EnrolAsync(HttpClient client, (string Server, string Email) key, string token, TimeProvider clock)
    {
        var begin = await PostAsync(client, "mutation { beginMfaEnrollment { secret errors { __typename } } }", null, token);
        var secret = Base32Encoding.ToBytes(begin["beginMfaEnrollment"]!["secret"]!.GetValue<string>());
        var enrolment = new Enrolment(secret);
        var code = enrolment.NextTotp(clock) ?? throw new InvalidOperationException("A fresh enrolment always has a step free.");
        var confirm = (await PostAsync(client, "mutation($code: String!) { confirmMfaEnrollment(input: { code: $code }) { token recoveryCodes errors { __typename } } }", new { code }, token))["confirmMfaEnrollment"]!;
        Assert.True(confirm["errors"] is null, $"confirmMfaEnrollment failed: {confirm.ToJsonString()}");
        foreach (var recovery in confirm["recoveryCodes"]!.AsArray())
        {
            enrolment.RecoveryCodes.Enqueue(recovery!.GetValue<string>());
        }

        var confirmed = confirm["token"]!.GetValue<string>();
        Enrolments[AddressKey(key)] = enrolment;
        Enrolments[StampKey(confirmed)] = enrolment;
        return confirmed;
    }

    private static async Task<string> VerifyAsync(HttpClient client, Enrolment enrolment, string ticket, TimeProvider clock)
    {
        var code = enrolment.NextTotp(clock)
            ?? (enrolment.RecoveryCodes.TryDequeue(out var recovery) ? recovery : throw new InvalidOperationException("Every time step and recovery code of this enrolment is used up."));
        var verify = (await PostAsync(client, "mutation($ticket: String!, $code: String!) { verifyMfa(input: { ticket: $ticket, code: $code }) { token errors { __typename } } }", new { ticket, code }, null))["verifyMfa"]!;
        Assert.True(verify["errors"] is null, $"verifyMfa failed: {verify.ToJsonString()}");
        return verify["token"]!.GetValue<string>();
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string query, object? variables, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = JsonContent(System.Text.Json.JsonSerializer.Serialize(new { query, variables })),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, $"{query}: {body.ToJsonString()}");
        return body["data"]!;
    }

    private static string AddressKey((string Server, string Email) key) => key.Server + "|" + key.Email;

    private static string StampKey(string token) => "sst|" + new JsonWebToken(token).GetClaim("sst").Value;

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>One account's secret on one server, the last time step this helper used, and its unused recovery codes.</summary>
    private sealed class Enrolment(byte[] secret)
    {
        private long _lastStep;

        public ConcurrentQueue<string> RecoveryCodes { get; } = new();

        /// <summary>A code of the current or the next time step not used yet, or null when both are.</summary>
        public string? NextTotp(TimeProvider clock)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            lock (this)
            {
                var step = Math.Max(now, _lastStep + 1);
                if (step > now + 1)
                {
                    return null;
                }

                _lastStep = step;
                return new Totp(secret).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
            }
        }
    }
}
