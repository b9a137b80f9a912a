using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Accounts.Mfa;

public sealed class MfaChallengeType : ObjectGraphType<MfaChallenge>
{
    public MfaChallengeType()
    {
        Name = "MfaChallenge";
        Description = "The account has multi-factor authentication: redeem the ticket with verifyMfa and a code.";
        Field(c => c.Ticket).Description("Single-purpose and short-lived; not an access token.");
        Field(c => c.ExpiresAt).Description("After this, log in again.");
    }
}

public sealed class BeginMfaEnrollmentPayloadType : PayloadType<BeginMfaEnrollmentPayload>
{
    public BeginMfaEnrollmentPayloadType()
        : base("BeginMfaEnrollmentPayload")
    {
        Field(p => p.Secret, nullable: true).Description("The TOTP secret in base32, for typing into an authenticator app.");
        Field(p => p.OtpauthUri, nullable: true).Description("The same secret as an otpauth:// URI, for a QR code.");
        Errors(typeof(MfaAlreadyEnabledErrorType));
    }
}

public sealed class ConfirmMfaEnrollmentPayloadType : PayloadType<ConfirmMfaEnrollmentPayload>
{
    public ConfirmMfaEnrollmentPayloadType()
        : base("ConfirmMfaEnrollmentPayload")
    {
        Field<ListGraphType<NonNullGraphType<StringGraphType>>, IReadOnlyList<string>?>("recoveryCodes")
            .Description("Ten one-time codes for when the authenticator is lost; shown only now.")
            .Resolve(context => context.Source.RecoveryCodes);
        Field(p => p.Token, nullable: true).Description("A new bearer token with the second factor; every older token is revoked.");
        Field<UserType, User>("user").Description("The signed-in user.").Resolve(context => context.Source.User);
        Errors(typeof(InvalidMfaCodeErrorType), typeof(MfaEnrollmentNotStartedErrorType), typeof(MfaAlreadyEnabledErrorType));
    }
}
