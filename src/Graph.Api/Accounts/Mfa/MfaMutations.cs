using Graph.Api.Accounts.Sessions;
using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts.Mfa;

/// <summary><c>beginMfaEnrollment</c>, <c>confirmMfaEnrollment</c>, <c>verifyMfa</c> and <c>disableMfa</c>.</summary>
public sealed class MfaMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<BeginMfaEnrollmentPayloadType>, BeginMfaEnrollmentPayload>("beginMfaEnrollment")
            .Description("Starts turning on multi-factor authentication: a new TOTP secret for an authenticator app, confirmed by confirmMfaEnrollment.")
            .RequireSignedIn()
            .ResolveAsync(async context => await BeginAsync(context));

        mutation.MutationField<ConfirmMfaEnrollmentInputType, ConfirmMfaEnrollmentPayloadType, ConfirmMfaEnrollmentPayload>("confirmMfaEnrollment")
            .Description("Turns multi-factor authentication on with a code of the new secret: ten recovery codes, and a new token (older ones are revoked).")
            .RequireSignedIn()
            .ResolveAsync(async context => await ConfirmAsync(context, context.GetInput<MfaCodeInput>().Code));

        mutation.MutationField<VerifyMfaInputType, VerifyMfaPayloadType, SignInPayload>("verifyMfa")
            .Description("Completes logIn for an account with MFA: the challenge's ticket and a TOTP or recovery code give the token.")
            .ResolveAsync(async context => await VerifyAsync(context, context.GetInput<VerifyMfaInput>()));

        mutation.MutationField<DisableMfaInputType, DisableMfaPayloadType, SignInPayload>("disableMfa")
            .Description("Turns multi-factor authentication off with a current code; every token is revoked and a new one returned.")
            .RequireSignedIn()
            .ResolveAsync(async context => await DisableAsync(context, context.GetInput<MfaCodeInput>().Code));
    }

    private static async Task<BeginMfaEnrollmentPayload> BeginAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var user = await SignIns.CurrentUserAsync(context);
        if (user.MfaEnabled)
        {
            return BeginMfaEnrollmentPayload.Failed(new MfaAlreadyEnabledError());
        }

        var secrets = services.GetRequiredService<TotpSecrets>();
        var secret = TotpSecrets.NewSecret();
        user.MfaPendingSecret = secrets.Protect(secret);
        await services.GetRequiredService<ShopDbContext>().SaveChangesAsync(context.CancellationToken);
        return new BeginMfaEnrollmentPayload(TotpSecrets.Base32(secret), secrets.Uri(secret, user.Email), null);
    }

    private static async Task<ConfirmMfaEnrollmentPayload> ConfirmAsync(IResolveFieldContext context, string code)
    {
        var services = context.RequestServices!;
        var user = await SignIns.CurrentUserAsync(context);
        if (user.MfaEnabled)
        {
            return ConfirmMfaEnrollmentPayload.Failed(new MfaAlreadyEnabledError());
        }

        if (user.MfaPendingSecret is null)
        {
            return ConfirmMfaEnrollmentPayload.Failed(new MfaEnrollmentNotStartedError());
        }

        return await MfaAttempts.RunAsync(context, user.Id, async () =>
        {
            var secret = services.GetRequiredService<TotpSecrets>().Unprotect(user.MfaPendingSecret);
            if (services.GetRequiredService<TotpCodeChecker>().MatchingStep(secret, code.Trim()) is not { } step)
            {
                return (ConfirmMfaEnrollmentPayload.Failed(new InvalidMfaCodeError()), AttemptOutcome.Failed);
            }

            var db = services.GetRequiredService<ShopDbContext>();
            user.MfaSecret = user.MfaPendingSecret;
            user.MfaPendingSecret = null;
            user.MfaEnabledAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            user.MfaLastTimeStep = step;
            await db.MfaRecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(context.CancellationToken);
            var (codes, rows) = services.GetRequiredService<RecoveryCodes>().Create(user);
            db.MfaRecoveryCodes.AddRange(rows);
            await services.GetRequiredService<SessionRevocation>().SaveRevokingAsync(db, user, context.CancellationToken);

            var signedIn = SignIns.SignedIn(services, user, secondFactor: true);
            return (new ConfirmMfaEnrollmentPayload(codes, signedIn.Token, user, null, signedIn.Viewer), AttemptOutcome.Succeeded);
        });
    }

    private static async Task<SignInPayload> VerifyAsync(IResolveFieldContext context, VerifyMfaInput input)
    {
        var services = context.RequestServices!;
        if (await services.GetRequiredService<MfaTickets>().ReadAsync(input.Ticket) is not { } ticket)
        {
            return SignInPayload.Failed(new InvalidMfaTicketError());
        }

        var (userId, stamp) = ticket;
        return await MfaAttempts.RunAsync(context, userId, async () =>
        {
            var db = services.GetRequiredService<ShopDbContext>();
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, context.CancellationToken);

            // A password change, a sign-out everywhere or an MFA reset since logIn voids the ticket.
            if (user is null || user.SecurityStamp != stamp || !user.MfaEnabled)
            {
                return (SignInPayload.Failed(new InvalidMfaTicketError()), AttemptOutcome.Abandoned);
            }

            if (!await services.GetRequiredService<MfaCodes>().TryUseAsync(db, user, input.Code, allowRecoveryCode: true, context.CancellationToken))
            {
                return (SignInPayload.Failed(new InvalidMfaCodeError()), AttemptOutcome.Failed);
            }

            return (SignIns.SignedIn(services, user, secondFactor: true), AttemptOutcome.Succeeded);
        });
    }

    private static async Task<SignInPayload> DisableAsync(IResolveFieldContext context, string code)
    {
        var services = context.RequestServices!;
        var user = await SignIns.CurrentUserAsync(context);
        if (!user.MfaEnabled)
        {
            return SignInPayload.Failed(new MfaNotEnabledError());
        }

        return await MfaAttempts.RunAsync(context, user.Id, async () =>
        {
            // A current code from the authenticator: a stolen session alone cannot turn the second factor off.
            var db = services.GetRequiredService<ShopDbContext>();
            if (!await services.GetRequiredService<MfaCodes>().TryUseAsync(db, user, code, allowRecoveryCode: false, context.CancellationToken))
            {
                return (SignInPayload.Failed(new InvalidMfaCodeError()), AttemptOutcome.Failed);
            }

            await MfaReset.ClearAsync(db, user, context.CancellationToken);
            await services.GetRequiredService<SessionRevocation>().SaveRevokingAsync(db, user, context.CancellationToken);
            return (SignIns.SignedIn(services, user, secondFactor: false), AttemptOutcome.Succeeded);
        });
    }
}
