using Graph.Api.Accounts;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// Tokens that stop working before they expire: a role change, a password change and
/// logOutEverywhere revoke every older token of the user over HTTP; a signed token of a user that
/// does not exist signs nobody in; the last ADMIN cannot be demoted; role changes are audited.
/// </summary>
public sealed class RevocationTests : IDisposable
{
    private const string BobId = "VXNlcjo0"; // User:4
    private const string StaffId = "VXNlcjoy"; // User:2
    private const string AdminId = "VXNlcjox"; // User:1
    private const string SetRole = "mutation($id: ID!, $role: Role!) { setUserRole(input: { userId: $id, role: $role }) { user { id role } errors { __typename } } }";

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_demoted_staff_token_stops_working_at_once_and_the_change_is_audited()
    {
        using var admin = await _factory.ClientAsAsync(DemoAccounts.Admin);
        using var staff = await _factory.ClientAsAsync(DemoAccounts.Staff);
        (await staff.PostAsync("{ orders(first: 1) { totalCount } }")).AssertNoErrors();

        var demoted = await admin.PostAsync(SetRole, new { id = StaffId, role = "CUSTOMER" });
        demoted.AssertNoErrors();
        Assert.Equal("CUSTOMER", demoted.Data!["setUserRole"]!["user"]!["role"]!.GetValue<string>());

        var refused = await staff.PostAsync("{ me { email } orders(first: 1) { totalCount } }");
        Assert.Null(refused.Data!["me"]);
        Assert.Equal(["AUTH_NOT_AUTHENTICATED"], refused.ErrorCodes);

        await using var db = _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync();
        Assert.Equal(("user.role.changed", 1, 2, "STAFF -> CUSTOMER"), (audit.Action, audit.ActorUserId, audit.SubjectUserId, audit.Detail));
        Assert.Contains(_factory.Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("Audit user.role.changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_change_revokes_older_tokens_and_returns_a_working_one()
    {
        using var alice = await _factory.ClientAsAsync(DemoAccounts.Alice);
        using var elsewhere = await _factory.ClientAsAsync(DemoAccounts.Alice);

        var changed = await alice.PostAsync("mutation { changePassword(input: { currentPassword: \"Passw0rd!\", newPassword: \"An0ther-Pass!\" }) { token errors { __typename } } }");
        changed.AssertNoErrors();
        var token = changed.Data!["changePassword"]!["token"]!.GetValue<string>();

        Assert.Null((await elsewhere.PostAsync("{ me { email } }")).Data!["me"]);
        Assert.Null((await alice.PostAsync("{ me { email } }")).Data!["me"]);
        using var renewed = _factory.CreateClient();
        renewed.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(DemoAccounts.Alice, (await renewed.PostAsync("{ me { email } }")).Data!["me"]!["email"]!.GetValue<string>());
        Assert.Equal("InvalidCredentialsError", (await alice.PostAsync("mutation { logIn(input: { email: \"alice@shop.test\", password: \"Passw0rd!\" }) { errors { __typename } } }")).Data!["logIn"]!["errors"]![0]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Log_out_everywhere_revokes_every_token_of_the_user_and_no_other()
    {
        using var alice = await _factory.ClientAsAsync(DemoAccounts.Alice);
        using var aliceElsewhere = await _factory.ClientAsAsync(DemoAccounts.Alice);
        using var bob = await _factory.ClientAsAsync(DemoAccounts.Bob);

        (await alice.PostAsync("mutation { logOutEverywhere { revokedAt } }")).AssertNoErrors();

        Assert.Null((await alice.PostAsync("{ me { email } }")).Data!["me"]);
        Assert.Null((await aliceElsewhere.PostAsync("{ me { email } }")).Data!["me"]);
        Assert.Equal(DemoAccounts.Bob, (await bob.PostAsync("{ me { email } }")).Data!["me"]!["email"]!.GetValue<string>());
        using var again = await _factory.ClientAsAsync(DemoAccounts.Alice);
        Assert.NotNull((await again.PostAsync("{ me { email } }")).Data!["me"]);
    }

    [Fact]
    public async Task A_signed_token_of_a_user_that_does_not_exist_or_no_longer_exists_signs_nobody_in()
    {
        var tokens = _factory.Services.GetRequiredService<TokenService>();
        var ghost = new User { Id = 999, Email = "ghost@shop.test", DisplayName = "Ghost", PasswordHash = "x", Role = Role.Admin };
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Issue(ShopClaims.PrincipalFor(ghost, secondFactor: true)));
        var response = await client.PostAsync("{ me { email } users(first: 1) { totalCount } }");
        Assert.Null(response.Data!["me"]);
        Assert.Equal(["AUTH_NOT_AUTHENTICATED"], response.ErrorCodes);

        // Signed up, then deleted before the token was ever used.
        var signUp = await client.PostAsync("mutation { signUp(input: { email: \"gone@shop.test\", password: \"s3cretPass\", displayName: \"Gone\" }) { token } }");
        await using (var db = _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext())
        {
            await db.Users.Where(u => u.Email == "gone@shop.test").ExecuteDeleteAsync();
        }

        using var gone = _factory.CreateClient();
        gone.DefaultRequestHeaders.Authorization = new("Bearer", signUp.Data!["signUp"]!["token"]!.GetValue<string>());
        Assert.Null((await gone.PostAsync("{ me { email } }")).Data!["me"]);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_and_a_promoted_user_signs_in_again()
    {
        using var admin = await _factory.ClientAsAsync(DemoAccounts.Admin);
        using var bob = await _factory.ClientAsAsync(DemoAccounts.Bob);

        var refused = await admin.PostAsync(SetRole, new { id = AdminId, role = "STAFF" });
        Assert.Equal("LastAdminError", refused.Data!["setUserRole"]!["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.Equal("UserNotFoundError", (await admin.PostAsync(SetRole, new { id = "VXNlcjo5OTk=", role = "STAFF" })).Data!["setUserRole"]!["errors"]![0]!["__typename"]!.GetValue<string>());

        (await admin.PostAsync(SetRole, new { id = BobId, role = "ADMIN" })).AssertNoErrors();
        Assert.Null((await bob.PostAsync("{ me { email } }")).Data!["me"]); // the role in his token is stale: signed out

        // Bob, now ADMIN, must enrol before anything else; then the first admin may step down.
        using var newAdmin = await _factory.ClientAsAsync(DemoAccounts.Bob);
        var stepDown = await newAdmin.PostAsync(SetRole, new { id = AdminId, role = "STAFF" });
        stepDown.AssertNoErrors();
        Assert.Equal("STAFF", stepDown.Data!["setUserRole"]!["user"]!["role"]!.GetValue<string>());
        Assert.Equal("LastAdminError", (await newAdmin.PostAsync(SetRole, new { id = BobId, role = "CUSTOMER" })).Data!["setUserRole"]!["errors"]![0]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_admin_resets_another_users_mfa_audited_and_the_user_must_enrol_again()
    {
        using var admin = await _factory.ClientAsAsync(DemoAccounts.Admin);
        using var staff = await _factory.ClientAsAsync(DemoAccounts.Staff);

        var reset = await admin.PostAsync("mutation($id: ID!) { resetUserMfa(input: { userId: $id }) { user { mfaEnabled } errors { __typename } } }", new { id = StaffId });
        reset.AssertNoErrors();
        Assert.False(reset.Data!["resetUserMfa"]!["user"]!["mfaEnabled"]!.GetValue<bool>());
        Assert.Null((await staff.PostAsync("{ me { email } }")).Data!["me"]);

        using var plain = _factory.CreateClient();
        var logIn = await plain.PostAsync("mutation { logIn(input: { email: \"staff@shop.test\", password: \"Passw0rd!\" }) { token mfaEnrollmentRequired mfaChallenge { ticket } } }");
        Assert.True(logIn.Data!["logIn"]!["mfaEnrollmentRequired"]!.GetValue<bool>());
        Assert.Null(logIn.Data["logIn"]!["mfaChallenge"]);

        await using var db = _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync();
        Assert.Equal(("user.mfa.reset", 1, 2), (audit.Action, audit.ActorUserId, audit.SubjectUserId));
        Assert.Empty(await db.MfaRecoveryCodes.Where(c => c.UserId == 2).ToListAsync());
    }
}
