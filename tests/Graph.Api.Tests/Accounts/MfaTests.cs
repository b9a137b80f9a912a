using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// TOTP multi-factor authentication as a user lives it: enrolment, the challenge at logIn, wrong,
/// replayed and stale codes, recovery codes, the per-account limit, disabling. The shop's clock is
/// the test's (<see cref="MfaKit"/>); every code is computed by Otp.NET from the enrolment's secret.
/// </summary>
public sealed class MfaTests : IDisposable
{
    private readonly MfaKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Enrolment_turns_logIn_into_a_challenge_whose_verification_gives_a_token_with_both_factors()
    {
        var first = await _kit.LogInAsync(DemoAccounts.Alice);
        var oldToken = first["token"]!.GetValue<string>();
        Assert.False(first["mfaEnrollmentRequired"]!.GetValue<bool>());
        using var alice = _kit.Client(oldToken);

        var begin = (await alice.PostAsync("mutation { beginMfaEnrollment { secret otpauthUri } }")).Data!["beginMfaEnrollment"]!;
        var secret = OtpNet.Base32Encoding.ToBytes(begin["secret"]!.GetValue<string>());
        Assert.Equal(20, secret.Length);
        var uri = new Uri(begin["otpauthUri"]!.GetValue<string>());
        Assert.Equal(("otpauth", "totp"), (uri.Scheme, uri.Host));
        Assert.Contains("secret=" + begin["secret"], uri.Query, StringComparison.Ordinal);
        Assert.Contains("alice%40shop.test", uri.AbsolutePath + uri.Query, StringComparison.OrdinalIgnoreCase);

        var confirm = (await alice.PostAsync("mutation($code: String!) { confirmMfaEnrollment(input: { code: $code }) { token recoveryCodes user { mfaEnabled } errors { __typename } } }", new { code = _kit.Code(secret) })).Data!["confirmMfaEnrollment"]!;
        Assert.Null(confirm["errors"]);
        var codes = confirm["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(confirm["user"]!["mfaEnabled"]!.GetValue<bool>());
        Assert.Equal(["pwd", "otp"], MfaKit.Amr(confirm["token"]!.GetValue<string>()));

        // Turning MFA on revokes the tokens from before.
        Assert.Null(await _kit.WhoAsync(oldToken));
        Assert.Equal(DemoAccounts.Alice, await _kit.WhoAsync(confirm["token"]!.GetValue<string>()));

        // logIn now gives a ticket and no token; the ticket is not an access token.
        var challenged = await _kit.LogInAsync(DemoAccounts.Alice);
        Assert.Null(challenged["token"]);
        var ticket = challenged["mfaChallenge"]!["ticket"]!.GetValue<string>();
        Assert.Null(await _kit.WhoAsync(ticket));

        _kit.NextStep();
        var verified = (await _kit.VerifyAsync(ticket, _kit.Code(secret)))["data"]!["verifyMfa"]!;
        Assert.Null(verified["errors"]);
        var token = verified["token"]!.GetValue<string>();
        Assert.Equal(["pwd", "otp"], MfaKit.Amr(token));
        Assert.Equal(DemoAccounts.Alice, await _kit.WhoAsync(token));
    }

    [Fact]
    public async Task A_wrong_a_replayed_and_a_stale_code_are_refused_and_the_window_is_one_step_each_way()
    {
        var (secret, _, _) = await _kit.EnrolAsync(DemoAccounts.Alice);
        var ticket = await _kit.ChallengeAsync(DemoAccounts.Alice);
        var confirmed = _kit.Code(secret);

        Assert.Equal("InvalidMfaCodeError", await ErrorOf(ticket, confirmed)); // the step of the enrolment's code: a replay
        Assert.Equal("InvalidMfaCodeError", await ErrorOf(ticket, confirmed == "123456" ? "654321" : "123456"));
        Assert.Equal("InvalidMfaCodeError", await ErrorOf(ticket, _kit.Code(secret, steps: 2))); // beyond the window

        // The next step's code is accepted a step early (clock drift), once.
        var next = _kit.Code(secret, steps: 1);
        Assert.Null(await ErrorOf(ticket, next));
        Assert.Equal("InvalidMfaCodeError", await ErrorOf(ticket, next));

        // Two steps later, the previous step's code is still in the window but older than the last used: refused.
        _kit.NextStep();
        _kit.NextStep();
        Assert.Equal("InvalidMfaCodeError", await ErrorOf(ticket, _kit.Code(secret, steps: -1)));
        Assert.Null(await ErrorOf(ticket, _kit.Code(secret)));
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_only_for_its_account()
    {
        var (_, recovery, _) = await _kit.EnrolAsync(DemoAccounts.Alice);
        await _kit.EnrolAsync(DemoAccounts.Bob);

        Assert.Equal("InvalidMfaCodeError", await ErrorOf(await _kit.ChallengeAsync(DemoAccounts.Bob), recovery[0]));
        var first = await _kit.VerifyAsync(await _kit.ChallengeAsync(DemoAccounts.Alice), recovery[0].ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal));
        Assert.Equal(["pwd", "otp"], MfaKit.Amr(first["data"]!["verifyMfa"]!["token"]!.GetValue<string>()));
        Assert.Equal("InvalidMfaCodeError", await ErrorOf(await _kit.ChallengeAsync(DemoAccounts.Alice), recovery[0]));
        Assert.Null(await ErrorOf(await _kit.ChallengeAsync(DemoAccounts.Alice), recovery[1]));
    }

    [Fact]
    public async Task Wrong_codes_are_rate_limited_per_account_and_the_wait_is_on_the_clock()
    {
        var (secret, _, _) = await _kit.EnrolAsync(DemoAccounts.Alice);
        var ticket = await _kit.ChallengeAsync(DemoAccounts.Alice);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("InvalidMfaCodeError", await ErrorOf(ticket, "000000"));
        }

        // The sixth attempt waits, even with the right code, and says how long.
        var limited = await _kit.VerifyAsync(ticket, _kit.Code(secret, steps: 1));
        var error = Assert.Single(limited["errors"]!.AsArray())!;
        Assert.Equal("RATE_LIMITED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(1, error["extensions"]!["retryAfter"]!.GetValue<int>());

        // Another account is not affected; this one may try again once the wait is over.
        await _kit.EnrolAsync(DemoAccounts.Bob);
        _kit.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await ErrorOf(ticket, _kit.Code(secret, steps: 1)));
    }

    [Fact]
    public async Task A_ticket_expires_and_is_void_after_a_password_change()
    {
        var (secret, _, token) = await _kit.EnrolAsync(DemoAccounts.Alice);
        var ticket = await _kit.ChallengeAsync(DemoAccounts.Alice);
        _kit.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("InvalidMfaTicketError", await ErrorOf(ticket, _kit.Code(secret)));

        var fresh = await _kit.ChallengeAsync(DemoAccounts.Alice);
        using var alice = _kit.Client(token);
        (await alice.PostAsync("mutation { changePassword(input: { currentPassword: \"Passw0rd!\", newPassword: \"An0ther-Pass!\" }) { token } }")).AssertNoErrors();
        Assert.Equal("InvalidMfaTicketError", await ErrorOf(fresh, _kit.Code(secret, steps: 1)));
    }

    [Fact]
    public async Task Disabling_needs_a_current_code_and_revokes_the_tokens()
    {
        var (secret, recovery, token) = await _kit.EnrolAsync(DemoAccounts.Alice);
        using var alice = _kit.Client(token);
        const string Disable = "mutation($code: String!) { disableMfa(input: { code: $code }) { token user { mfaEnabled } errors { __typename } } }";

        Assert.Equal("InvalidMfaCodeError", (await alice.PostAsync(Disable, new { code = "000000" })).Data!["disableMfa"]!["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.Equal("InvalidMfaCodeError", (await alice.PostAsync(Disable, new { code = recovery[0] })).Data!["disableMfa"]!["errors"]![0]!["__typename"]!.GetValue<string>());

        var disabled = (await alice.PostAsync(Disable, new { code = _kit.Code(secret, steps: 1) })).Data!["disableMfa"]!;
        Assert.False(disabled["user"]!["mfaEnabled"]!.GetValue<bool>());
        Assert.Null(await _kit.WhoAsync(token));
        Assert.Equal(["pwd"], MfaKit.Amr(disabled["token"]!.GetValue<string>()));
        Assert.NotNull((await _kit.LogInAsync(DemoAccounts.Alice))["token"]);
    }

    private async Task<string?> ErrorOf(string ticket, string code)
    {
        var response = await _kit.VerifyAsync(ticket, code);
        Assert.True(response["errors"] is null, response.ToJsonString());
        var payload = response["data"]!["verifyMfa"]!;
        return payload["errors"]?[0]?["__typename"]?.GetValue<string>();
    }
}
